// What REEL-PACKAGE.md requires of the playlists: the master lists exactly the manifest's
// renditions with the same BANDWIDTH/RESOLUTION/CODECS; each media playlist is a finished VOD
// playlist of fMP4 segments that stay inside its rendition folder and add up to the reel's duration.
import { sameReelCodecs } from '../../reel/codecs'
import type { ReelManifest, Rendition } from '../../reel/manifest-schema'
import { packageFileRole } from '../../reel/package-paths'
import {
  PlaylistSyntaxError,
  decodePlaylist,
  parseMasterPlaylist,
  parseMediaPlaylist,
  type MasterPlaylist,
  type MediaPlaylist,
} from './m3u8'
import { reject } from './reasons'
import type { PackageReason } from './reasons'

/** How far (in ms) a playlist's summed segment durations may be from the manifest's durationMs. */
export const DURATION_TOLERANCE_MS = 500

function parse<T>(bytes: Uint8Array, parser: (text: string) => T, reason: PackageReason, path: string): T {
  try {
    return parser(decodePlaylist(bytes))
  } catch (error) {
    if (error instanceof PlaylistSyntaxError) reject(reason, `${path} ${error.message}.`, path)
    throw error
  }
}

// A URI may only name a file next to the playlist. Anything with a scheme, a slash, a backslash,
// `..` or percent-escapes (which can spell `../`) could reach outside the folder once served.
function leavesFolder(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) || /[/\\%?#]/.test(uri) || uri.includes('..')
}

const FILE_NAME = /^[A-Za-z0-9._-]{1,64}$/

export function checkMasterPlaylist(bytes: Uint8Array, manifest: ReelManifest, path: string): void {
  const master: MasterPlaylist = parse(bytes, parseMasterPlaylist, 'master_playlist_invalid', path)
  const invalid: (detail: string) => never = (detail) =>
    reject('master_playlist_invalid', `${path}: ${detail}`, path)
  if (master.version === null || master.version < 7) invalid('#EXT-X-VERSION must be 7 or higher.')
  if (!master.independentSegments) invalid('#EXT-X-INDEPENDENT-SEGMENTS is missing.')
  if (master.mediaTags.length > 0) invalid(`${master.mediaTags[0]} belongs in a media playlist.`)
  if (master.otherUriTags.length > 0) invalid(`${master.otherUriTags[0]} is not allowed in a reel.`)
  const byPlaylist = new Map(manifest.renditions.map((rendition) => [rendition.playlist, rendition]))
  const listed = new Set<string>()
  for (const variant of master.variants) {
    const { uri, attributes } = variant
    if (
      /^[a-z][a-z0-9+.-]*:/i.test(uri) ||
      uri.startsWith('/') ||
      uri.includes('..') ||
      /[\\%?#]/.test(uri)
    ) {
      reject('playlist_outside_folder', `${path} refers to "${uri.slice(0, 100)}" outside the package.`, path)
    }
    const rendition = byPlaylist.get(uri)
    if (!rendition) invalid(`"${uri.slice(0, 100)}" is not a rendition playlist of the manifest.`)
    if (listed.has(uri)) invalid(`"${uri}" is listed twice.`)
    listed.add(uri)
    if (attributes.get('BANDWIDTH') !== String(rendition.bandwidth)) {
      invalid(
        `BANDWIDTH of ${rendition.name} is ${attributes.get('BANDWIDTH')}, the manifest says ${rendition.bandwidth}.`,
      )
    }
    const resolution = `${rendition.width}x${rendition.height}`
    if (attributes.get('RESOLUTION') !== resolution) {
      invalid(
        `RESOLUTION of ${rendition.name} is ${attributes.get('RESOLUTION')}, the manifest says ${resolution}.`,
      )
    }
    const codecs = attributes.get('CODECS')
    if (codecs === undefined || !sameReelCodecs(codecs, rendition.codecs)) {
      invalid(`CODECS of ${rendition.name} is ${codecs}, the manifest says ${rendition.codecs}.`)
    }
  }
  for (const rendition of manifest.renditions) {
    if (!listed.has(rendition.playlist)) invalid(`rendition ${rendition.name} is missing.`)
  }
}

export interface CheckedMediaPlaylist {
  durationMs: number
  segments: string[]
}

export function checkMediaPlaylist(
  bytes: Uint8Array,
  rendition: Rendition,
  manifest: ReelManifest,
  path: string,
): CheckedMediaPlaylist {
  const playlist: MediaPlaylist = parse(bytes, parseMediaPlaylist, 'media_playlist_invalid', path)
  const invalid: (detail: string) => never = (detail) =>
    reject('media_playlist_invalid', `${path}: ${detail}`, path)
  const outside: (uri: string) => never = (uri) =>
    reject(
      'playlist_outside_folder',
      `${path} refers to "${uri.slice(0, 100)}" outside ${rendition.name}/.`,
      path,
    )

  if (playlist.playlistType !== 'VOD') invalid('#EXT-X-PLAYLIST-TYPE must be VOD.')
  if (!playlist.endList) invalid('#EXT-X-ENDLIST is missing.')
  if (playlist.unsupportedTags.length > 0) invalid(`${playlist.unsupportedTags[0]} is not allowed in a reel.`)
  // Without EXT-X-MAP a player has no init segment and cannot decode a single fMP4 fragment.
  if (!playlist.map) invalid('#EXT-X-MAP (the init segment) is missing.')
  if (leavesFolder(playlist.map.uri)) outside(playlist.map.uri)
  if (playlist.map.uri !== 'init.mp4' || playlist.map.byteRange || playlist.mapCount > 1) {
    invalid('#EXT-X-MAP must name init.mp4, once, without a byte range.')
  }
  if (!playlist.map.beforeFirstSegment) invalid('#EXT-X-MAP must come before the first segment.')
  if (playlist.targetDuration === null) invalid('#EXT-X-TARGETDURATION is missing.')
  if (playlist.segments.length === 0) invalid('it lists no segment.')

  const names = new Set(manifest.renditions.map((item) => item.name))
  const referenced = new Set<string>()
  let totalSeconds = 0
  for (const segment of playlist.segments) {
    if (leavesFolder(segment.uri)) outside(segment.uri)
    const segmentPath = `${rendition.name}/${segment.uri}`
    if (!FILE_NAME.test(segment.uri) || packageFileRole(segmentPath, names)?.kind !== 'segment') {
      invalid(`"${segment.uri.slice(0, 100)}" is not an .m4s segment name.`)
    }
    if (referenced.has(segmentPath)) invalid(`"${segment.uri}" is listed twice.`)
    referenced.add(segmentPath)
    // The contract's rule (stricter than RFC 8216, which rounds): no segment outlasts the target,
    // so a player's buffer planning from EXT-X-TARGETDURATION holds.
    if (segment.duration > playlist.targetDuration) {
      invalid(
        `"${segment.uri}" lasts ${segment.duration} s, longer than the target duration ${playlist.targetDuration} s.`,
      )
    }
    if (!Object.hasOwn(manifest.files, segmentPath)) {
      reject('file_missing', `${path} lists "${segment.uri}", which manifest.json does not.`, segmentPath)
    }
    totalSeconds += segment.duration
  }
  for (const file of Object.keys(manifest.files)) {
    const role = packageFileRole(file, names)
    if (role?.kind === 'segment' && role.rendition === rendition.name && !referenced.has(file)) {
      invalid(`"${file}" is in the package but not in the playlist.`)
    }
  }
  const durationMs = Math.round(totalSeconds * 1000)
  if (Math.abs(durationMs - manifest.durationMs) > DURATION_TOLERANCE_MS) {
    reject(
      'duration_mismatch',
      `${path} adds up to ${durationMs} ms, the manifest says ${manifest.durationMs} ms.`,
      path,
    )
  }
  return { durationMs, segments: [...referenced] }
}
