// Posters of published reels fetched from the server (`/media/<reelId>/poster.jpg`, API.md
// "Delivery") for Dashboard rows whose reel is not in this studio's library. The page may load
// images from its own origin only (CSP, COEP), so the core fetches them and answers data: URLs,
// and keeps each on disk so the Dashboard still has its posters offline.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isReelId } from '../../../shared/reel/reel-id'

/** Far above a 9:16 poster JPEG; anything bigger is not what we asked for. */
export const MAX_POSTER_BYTES = 512 * 1024

const isJpeg = (bytes: Uint8Array) =>
  bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff

export function createServerPosters(options: { dir: string; fetch?: typeof fetch }) {
  const send = options.fetch ?? fetch
  mkdirSync(options.dir, { recursive: true })
  const toDataUrl = (bytes: Uint8Array) => `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`

  function cached(reelId: string): Uint8Array | null {
    try {
      return readFileSync(join(options.dir, `${reelId}.jpg`))
    } catch {
      return null
    }
  }

  return {
    /** The poster as a data: URL, from disk or the server; null when neither has a JPEG for it. */
    async dataUrl(serverUrl: string, reelId: string): Promise<string | null> {
      if (!isReelId(reelId)) return null
      const kept = cached(reelId)
      if (kept) return toDataUrl(kept)
      let bytes: Uint8Array
      try {
        const response = await send(new URL(`/media/${reelId}/poster.jpg`, serverUrl), {
          signal: AbortSignal.timeout(10_000),
        })
        const length = Number(response.headers.get('content-length') ?? 0)
        if (!response.ok || length > MAX_POSTER_BYTES) {
          await response.body?.cancel()
          return null
        }
        bytes = new Uint8Array(await response.arrayBuffer())
      } catch {
        return null
      }
      if (bytes.length > MAX_POSTER_BYTES || !isJpeg(bytes)) return null
      // Written aside and renamed, so a crash never leaves half a poster to be served later.
      const path = join(options.dir, `${reelId}.jpg`)
      writeFileSync(`${path}.part`, bytes)
      renameSync(`${path}.part`, path)
      return toDataUrl(bytes)
    },
  }
}

export type ServerPosters = ReturnType<typeof createServerPosters>
