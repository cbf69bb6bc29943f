// The HLS master playlist of a reel package (REEL-PACKAGE.md): version 7, independent segments, one
// EXT-X-STREAM-INF per rendition with the BANDWIDTH, RESOLUTION and CODECS the manifest declares.
import type { Rendition } from './manifest-schema'

export function masterPlaylist(renditions: readonly Rendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS']
  for (const rendition of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},RESOLUTION=${rendition.width}x${rendition.height},CODECS="${rendition.codecs}"`,
      rendition.playlist,
    )
  }
  return `${lines.join('\n')}\n`
}

/** Peak bits per second over the segments: what BANDWIDTH means for a VOD rendition. */
export function peakBandwidth(segments: ReadonlyArray<{ bytes: number; seconds: number }>): number {
  let peak = 1
  for (const segment of segments) {
    if (segment.seconds > 0) peak = Math.max(peak, Math.ceil((segment.bytes * 8) / segment.seconds))
  }
  return peak
}

/** The segments of a media playlist: their file names and EXTINF durations, in order. */
export function playlistSegments(playlist: string): Array<{ file: string; seconds: number }> {
  return [...playlist.matchAll(/#EXTINF:([\d.]+),[^\n]*\n(\S+)/g)].map((match) => ({
    seconds: Number(match[1]),
    file: match[2]!,
  }))
}
