// Where <video> and <img> find library files. In Electron: main's spool-media:// protocol. In the
// browser studio: the bridge's GET routes, with the session token in the query because media
// elements cannot send headers (the bridge sends Referrer-Policy: no-referrer, so it does not leak).
import { SPOOL_MEDIA_SCHEME } from '../../../shared/rpc/bridge-api'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { currentBridgeToken } from '../rpc/bridge-token'

function libraryUrl(id: string, file: string, version?: string): string {
  if (window.spool)
    return `${SPOOL_MEDIA_SCHEME}://library/${id}/${file}${version ? `?v=${encodeURIComponent(version)}` : ''}`
  const query = new URLSearchParams({ token: currentBridgeToken() ?? '' })
  if (version) query.set('v', version)
  return `/library/${id}/${file}?${query}`
}

export function sourceUrl(id: string): string {
  return libraryUrl(id, 'source')
}

/** A replacement sound of the draft (Sound → Replace); named by its content, so never stale. */
export function soundUrl(id: string, file: string): string {
  return libraryUrl(id, `sound/${file}`)
}

/** The strip changes as a whole, so the item's updatedAt versions every image of it. */
export function thumbnailUrl(item: Pick<LibraryItem, 'id' | 'updatedAt'>, index: number): string {
  return libraryUrl(item.id, `thumbs/${String(index).padStart(2, '0')}.jpg`, item.updatedAt)
}
