// Which paths a reel package may hold, shared by the studio (which writes packages) and the server
// (which checks them). The rules are the contract's (docs: REEL-PACKAGE.md, "Container"/"Files").

export const MANIFEST_PATH = 'manifest.json'
export const MASTER_PLAYLIST_PATH = 'master.m3u8'
export const POSTER_PATH = 'poster.jpg'
export const MAX_PATH_DEPTH = 2

const SEGMENT = /^[A-Za-z0-9._-]{1,64}$/
export const RENDITION_NAME = /^[a-z0-9]{1,16}$/

/**
 * A path the contract allows in the tar: relative, `/`-separated, at most 2 segments of
 * `[A-Za-z0-9._-]{1,64}`. The character class alone lets `.` and `..` through, so both are refused
 * explicitly, and so is any `..` inside a name: the contract says a path contains no `..`.
 */
export function isSafePackagePath(path: string): boolean {
  if (path.includes('..')) return false
  const segments = path.split('/')
  if (segments.length > MAX_PATH_DEPTH) return false
  return segments.every((segment) => segment !== '.' && SEGMENT.test(segment))
}

export type PackageFileKind = 'manifest' | 'master' | 'poster' | 'media-playlist' | 'init' | 'segment'

export interface PackageFileRole {
  kind: PackageFileKind
  /** The rendition folder for the files that live in one. */
  rendition?: string
}

/** What a (safe) path is in a package with these renditions, or null when the contract has no place for it. */
export function packageFileRole(path: string, renditions: ReadonlySet<string>): PackageFileRole | null {
  if (path === MANIFEST_PATH) return { kind: 'manifest' }
  if (path === MASTER_PLAYLIST_PATH) return { kind: 'master' }
  if (path === POSTER_PATH) return { kind: 'poster' }
  const [folder, name, ...rest] = path.split('/')
  if (folder === undefined || name === undefined || rest.length > 0 || !renditions.has(folder)) return null
  if (name === 'index.m3u8') return { kind: 'media-playlist', rendition: folder }
  if (name === 'init.mp4') return { kind: 'init', rendition: folder }
  if (name.endsWith('.m4s') && name.length > '.m4s'.length) return { kind: 'segment', rendition: folder }
  return null
}
