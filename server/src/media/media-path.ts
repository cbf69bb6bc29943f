// Which media file a /media/… URL names, by a strict pattern and nothing else: a reel id, an
// optional rendition folder, a plain file name. Anything else (encoded slashes, "..", odd
// characters, deeper paths) is not a media URL, so no request can reach outside a reel's folder.
import { isReelId } from '../../../shared/reel/reel-id'

export interface MediaPath {
  reelId: string
  /** The file's path inside the reel's package, e.g. `720p/seg001.m4s`. */
  path: string
}

const MEDIA_URL = /^\/media\/([0-9A-Z]{26})\/(?:([a-z0-9]{1,16})\/)?([A-Za-z0-9._-]{1,64})$/

export function parseMediaPath(pathname: string): MediaPath | null {
  const match = MEDIA_URL.exec(pathname)
  if (!match) return null
  const [, reelId, rendition, file] = match
  if (!isReelId(reelId!) || file!.includes('..') || file!.startsWith('.')) return null
  return { reelId: reelId!, path: rendition ? `${rendition}/${file}` : file! }
}
