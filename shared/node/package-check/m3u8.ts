// A small, strict parser for the two kinds of HLS playlist a reel package holds (RFC 8216). It only
// reads structure; what the contract requires of that structure is decided in playlist-checks.ts.
// Traps handled here: a UTF-8 BOM or a first line other than #EXTM3U makes players refuse the file;
// quoted attribute values may contain commas; a URI line belongs to the EXTINF/STREAM-INF above it.

export class PlaylistSyntaxError extends Error {}

export type Attributes = Map<string, string>

export interface Variant {
  uri: string
  attributes: Attributes
}

export interface MasterPlaylist {
  version: number | null
  independentSegments: boolean
  variants: Variant[]
  /** Tags other than EXT-X-STREAM-INF that carry a URI (alternate media, I-frame playlists, keys…). */
  otherUriTags: string[]
  /** Tags that belong in a media playlist only. */
  mediaTags: string[]
}

export interface MediaSegment {
  uri: string
  duration: number
}

export interface MediaPlaylist {
  targetDuration: number | null
  playlistType: string | null
  endList: boolean
  map: { uri: string; byteRange: boolean; beforeFirstSegment: boolean } | null
  mapCount: number
  segments: MediaSegment[]
  /** Tags we refuse in a reel: byte ranges, encryption, partial segments and other URI carriers. */
  unsupportedTags: string[]
}

const DECIMAL_INTEGER = /^\d{1,10}$/
const DECIMAL_FLOAT = /^\d{1,10}(\.\d{1,10})?$/

export function decodePlaylist(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new PlaylistSyntaxError('is not UTF-8 text')
  }
  return text
}

function lines(text: string): string[] {
  const all = text.split(/\r?\n/)
  if (all[0] !== '#EXTM3U') throw new PlaylistSyntaxError('does not start with #EXTM3U')
  return all.slice(1).filter((line) => line.trim() !== '')
}

function splitTag(line: string): [name: string, value: string] {
  const colon = line.indexOf(':')
  return colon === -1 ? [line.slice(1), ''] : [line.slice(1, colon), line.slice(colon + 1)]
}

/** Parses an attribute list: `NAME=value,NAME="quoted, value"`. */
export function parseAttributes(list: string): Attributes {
  const attributes: Attributes = new Map()
  const pattern = /([A-Z0-9-]+)=("[^"\r\n]*"|[^",]*)(,|$)/y
  let index = 0
  while (index < list.length) {
    pattern.lastIndex = index
    const match = pattern.exec(list)
    if (!match) throw new PlaylistSyntaxError(`has a malformed attribute list "${list.slice(0, 100)}"`)
    const [whole, name, raw] = match as unknown as [string, string, string]
    if (attributes.has(name)) throw new PlaylistSyntaxError(`repeats the attribute ${name}`)
    attributes.set(name, raw.startsWith('"') ? raw.slice(1, -1) : raw)
    index += whole.length
    if (match[3] === '' && index < list.length)
      throw new PlaylistSyntaxError('has a malformed attribute list')
  }
  return attributes
}

function integerTag(name: string, value: string): number {
  if (!DECIMAL_INTEGER.test(value))
    throw new PlaylistSyntaxError(`has a bad #${name} value "${value.slice(0, 40)}"`)
  return Number(value)
}

export function parseMasterPlaylist(text: string): MasterPlaylist {
  const playlist: MasterPlaylist = {
    version: null,
    independentSegments: false,
    variants: [],
    otherUriTags: [],
    mediaTags: [],
  }
  let pending: Attributes | null = null
  for (const line of lines(text)) {
    if (!line.startsWith('#')) {
      if (!pending)
        throw new PlaylistSyntaxError(`has the URI "${line.slice(0, 100)}" without #EXT-X-STREAM-INF`)
      playlist.variants.push({ uri: line.trim(), attributes: pending })
      pending = null
      continue
    }
    if (!line.startsWith('#EXT')) continue
    if (pending) throw new PlaylistSyntaxError('has an #EXT-X-STREAM-INF not followed by its URI')
    const [name, value] = splitTag(line)
    if (name === 'EXT-X-VERSION') {
      if (playlist.version !== null) throw new PlaylistSyntaxError('repeats #EXT-X-VERSION')
      playlist.version = integerTag(name, value)
    } else if (name === 'EXT-X-INDEPENDENT-SEGMENTS') {
      playlist.independentSegments = true
    } else if (name === 'EXT-X-STREAM-INF') {
      pending = parseAttributes(value)
    } else if (
      /^EXTINF$|^EXT-X-(TARGETDURATION|MAP|ENDLIST|PLAYLIST-TYPE|MEDIA-SEQUENCE|BYTERANGE)$/.test(name)
    ) {
      playlist.mediaTags.push(name)
    } else if (/(^|,)URI=/.test(value)) {
      playlist.otherUriTags.push(name)
    }
  }
  if (pending) throw new PlaylistSyntaxError('ends with an #EXT-X-STREAM-INF without its URI')
  return playlist
}

export function parseMediaPlaylist(text: string): MediaPlaylist {
  const playlist: MediaPlaylist = {
    targetDuration: null,
    playlistType: null,
    endList: false,
    map: null,
    mapCount: 0,
    segments: [],
    unsupportedTags: [],
  }
  let pendingDuration: number | null = null
  for (const line of lines(text)) {
    if (!line.startsWith('#')) {
      if (pendingDuration === null)
        throw new PlaylistSyntaxError(`has the URI "${line.slice(0, 100)}" without #EXTINF`)
      if (playlist.endList) throw new PlaylistSyntaxError('lists segments after #EXT-X-ENDLIST')
      playlist.segments.push({ uri: line.trim(), duration: pendingDuration })
      pendingDuration = null
      continue
    }
    if (!line.startsWith('#EXT')) continue
    const [name, value] = splitTag(line)
    switch (name) {
      case 'EXTINF': {
        if (pendingDuration !== null) throw new PlaylistSyntaxError('has an #EXTINF without its URI')
        const duration = value.split(',')[0]!.trim()
        if (!DECIMAL_FLOAT.test(duration) || Number(duration) <= 0) {
          throw new PlaylistSyntaxError(`has a bad #EXTINF duration "${duration.slice(0, 40)}"`)
        }
        pendingDuration = Number(duration)
        break
      }
      case 'EXT-X-TARGETDURATION':
        if (playlist.targetDuration !== null) throw new PlaylistSyntaxError('repeats #EXT-X-TARGETDURATION')
        playlist.targetDuration = integerTag(name, value)
        break
      case 'EXT-X-PLAYLIST-TYPE':
        if (playlist.playlistType !== null) throw new PlaylistSyntaxError('repeats #EXT-X-PLAYLIST-TYPE')
        playlist.playlistType = value
        break
      case 'EXT-X-ENDLIST':
        playlist.endList = true
        break
      case 'EXT-X-MAP': {
        const attributes = parseAttributes(value)
        const uri = attributes.get('URI')
        if (uri === undefined) throw new PlaylistSyntaxError('has an #EXT-X-MAP without URI')
        playlist.mapCount++
        playlist.map ??= {
          uri,
          byteRange: attributes.has('BYTERANGE'),
          beforeFirstSegment: playlist.segments.length === 0 && pendingDuration === null,
        }
        break
      }
      case 'EXT-X-KEY':
        if (parseAttributes(value).get('METHOD') !== 'NONE') playlist.unsupportedTags.push(name)
        break
      case 'EXT-X-BYTERANGE':
        playlist.unsupportedTags.push(name)
        break
      default:
        if (/(^|,)URI=/.test(value)) playlist.unsupportedTags.push(name)
    }
  }
  if (pendingDuration !== null) throw new PlaylistSyntaxError('ends with an #EXTINF without its URI')
  return playlist
}
