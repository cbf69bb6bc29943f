// Turns one fragmented MP4 (as mediabunny's muxer streams it out: ftyp, moov, then moof + mdat per
// fragment) into a rendition folder of REEL-PACKAGE.md: init.mp4 (ftyp + moov), one segNNN.m4s
// (moof + mdat) per fragment, and a VOD index.m3u8 listing them with their real durations. The
// muxer cuts a fragment only at a key frame, and the encoder makes one every 2 s.

export interface RenditionFiles {
  /** Paths inside the rendition folder, e.g. `init.mp4`, `seg000.m4s`, `index.m3u8`. */
  files: Map<string, Uint8Array>
  segments: Array<{ file: string; seconds: number; bytes: number }>
}

export class HlsRenditionCollector {
  private readonly init: Uint8Array[] = []
  private readonly fragments: Array<{ startSeconds: number; parts: Uint8Array[] }> = []

  onFtyp = (data: Uint8Array) => void this.init.push(data.slice())
  onMoov = (data: Uint8Array) => void this.init.push(data.slice())
  onMoof = (data: Uint8Array, _position: number, startSeconds: number) =>
    void this.fragments.push({ startSeconds, parts: [data.slice()] })
  onMdat = (data: Uint8Array) => {
    const fragment = this.fragments.at(-1)
    // An mdat before any moof would be a plain (non-fragmented) MP4: a programming error here.
    if (!fragment) throw new Error('The muxer wrote media data outside a fragment')
    fragment.parts.push(data.slice())
  }

  /** The folder's files once the muxer has finished; endSeconds is where the last fragment ends. */
  finish(endSeconds: number): RenditionFiles {
    if (this.init.length !== 2 || this.fragments.length === 0)
      throw new Error('The muxer produced no fragmented MP4 (init segment or fragments missing)')
    const files = new Map<string, Uint8Array>([['init.mp4', concat(this.init)]])
    const segments: RenditionFiles['segments'] = []
    for (const group of segmentGroups(this.fragments, endSeconds)) {
      const file = `seg${String(segments.length).padStart(3, '0')}.m4s`
      const bytes = concat(group.parts)
      files.set(file, bytes)
      segments.push({ file, seconds: group.seconds, bytes: bytes.length })
    }
    files.set('index.m3u8', new TextEncoder().encode(mediaPlaylist(segments)))
    return { files, segments }
  }
}

/**
 * Fragments shorter than this join the segment before them (a segment may hold several moof + mdat
 * pairs): the muxer ends a file with a sliver fragment when the last AAC packet outlasts the video.
 */
const SHORTEST_SEGMENT_S = 0.5

function segmentGroups(
  fragments: ReadonlyArray<{ startSeconds: number; parts: Uint8Array[] }>,
  endSeconds: number,
): Array<{ seconds: number; parts: Uint8Array[] }> {
  const groups: Array<{ seconds: number; parts: Uint8Array[] }> = []
  fragments.forEach((fragment, index) => {
    const next = fragments[index + 1]?.startSeconds ?? endSeconds
    const seconds = Math.max(0, next - fragment.startSeconds)
    const previous = groups.at(-1)
    if (previous && seconds < SHORTEST_SEGMENT_S) {
      previous.seconds += seconds
      previous.parts.push(...fragment.parts)
    } else groups.push({ seconds, parts: [...fragment.parts] })
  })
  return groups
}

/** A finished VOD media playlist; the target duration is at least every segment's (the server's rule). */
export function mediaPlaylist(segments: ReadonlyArray<{ file: string; seconds: number }>): string {
  const seconds = segments.map((segment) => Number(segment.seconds.toFixed(6)))
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(Math.max(...seconds)))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-MAP:URI="init.mp4"',
  ]
  segments.forEach((segment, index) => lines.push(`#EXTINF:${seconds[index]!.toFixed(6)},`, segment.file))
  lines.push('#EXT-X-ENDLIST')
  return `${lines.join('\n')}\n`
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
