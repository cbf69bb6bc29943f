// Reads the two HLS playlists a reel is served with (REEL-PACKAGE.md): the master's renditions,
// and a media playlist's init segment and segments. The text comes from a server, so anything
// unexpected is left out rather than guessed at; the caller decides what is enough.
import { playlistSegments } from '../../../shared/reel/master-playlist'

export interface HlsVariant {
  bandwidth: number
  codecs: string
  /** As written in the playlist: relative to the master's URL. */
  uri: string
}

export function masterVariants(master: string): HlsVariant[] {
  const variants: HlsVariant[] = []
  for (const match of master.matchAll(/^#EXT-X-STREAM-INF:([^\n]*)\r?\n([^#\s][^\r\n]*)/gm)) {
    const attributes = match[1]!
    const bandwidth = Number(/(?:^|,)BANDWIDTH=(\d+)/.exec(attributes)?.[1])
    const codecs = /(?:^|,)CODECS="([^"]*)"/.exec(attributes)?.[1] ?? ''
    if (Number.isSafeInteger(bandwidth) && bandwidth > 0)
      variants.push({ bandwidth, codecs, uri: match[2]!.trim() })
  }
  return variants
}

/** The rendition with the fewest bits that has sound (AAC): the cheapest download of the reel's audio. */
export function smallestWithSound(variants: readonly HlsVariant[]): HlsVariant | null {
  const withSound = variants.filter((variant) => /(?:^|,)\s*mp4a\./.test(variant.codecs))
  return withSound.reduce<HlsVariant | null>(
    (best, variant) => (best === null || variant.bandwidth < best.bandwidth ? variant : best),
    null,
  )
}

export interface MediaPlaylist {
  /** EXT-X-MAP's URI, relative to the playlist. */
  init: string
  segments: string[]
  durationMs: number
}

export function mediaPlaylist(text: string): MediaPlaylist | null {
  const init = /^#EXT-X-MAP:(?:[^\n]*,)?URI="([^"]+)"/m.exec(text)?.[1]
  const segments = playlistSegments(text)
  if (!init || segments.length === 0) return null
  const seconds = segments.reduce((sum, segment) => sum + segment.seconds, 0)
  return { init, segments: segments.map((segment) => segment.file), durationMs: Math.round(seconds * 1000) }
}
