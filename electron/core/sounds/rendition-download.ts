// "Use this sound", step two: downloads a published reel's audio as one file. The smallest
// rendition with sound is fetched — its init segment and media segments, concatenated in order,
// which is itself a valid fragmented MP4 — streamed to disk with progress. URLs are built from the
// server's origin and the reel id (API.md "Delivery") and playlist entries must stay inside that
// reel's folder, so a playlist cannot send the studio anywhere else.
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { RpcError } from '../../../shared/rpc/envelope'
import { masterVariants, mediaPlaylist, smallestWithSound } from './hls-playlists'
import { host } from './sound-lookup'

/** Playlists are a few hundred bytes; more is not a playlist. */
const MAX_PLAYLIST_BYTES = 256 * 1024
/** Progress events at most this often. */
const PROGRESS_INTERVAL_MS = 100

export interface RenditionDownload {
  server: string
  reelId: string
  token: string
  /** The file to write (its folder exists). */
  file: string
  signal: AbortSignal
  /** Called with the expected size before anything is written: the free-space check, and the ceiling. */
  beforeWrite(expectedBytes: number): Promise<void>
  onProgress(progress: { bytesDone: number; filesDone: number; filesTotal: number }): void
}

/** A playlist entry as an absolute URL, refused unless it stays inside the reel's media folder. */
function mediaUrl(server: string, reelId: string, base: URL, entry: string): URL {
  const url = new URL(entry, base)
  if (url.origin !== new URL(server).origin || !url.pathname.startsWith(`/media/${reelId}/`) || url.search)
    throw new RpcError(
      'unavailable',
      `${host(server)} lists a file outside this reel; the sound was not fetched.`,
    )
  return url
}

function cutOff(server: string): RpcError {
  return new RpcError(
    'server_unreachable',
    `The download from ${host(server)} was cut off. Check your connection and try again.`,
  )
}

async function get(url: URL, job: RenditionDownload): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${job.token}` }, signal: job.signal })
  } catch {
    job.signal.throwIfAborted()
    throw cutOff(job.server)
  }
  if (response.ok) return response
  await response.body?.cancel().catch(() => undefined)
  if (response.status === 404 || response.status === 410)
    throw new RpcError(
      'not_found',
      `The sound's reel was removed from ${host(job.server)} while it downloaded.`,
    )
  throw new RpcError(
    'unavailable',
    `${host(job.server)} answered ${response.status} while the sound downloaded. Try again later.`,
  )
}

async function getText(url: URL, job: RenditionDownload): Promise<string> {
  const response = await get(url, job)
  let text: string
  try {
    text = await response.text()
  } catch {
    job.signal.throwIfAborted()
    throw cutOff(job.server)
  }
  if (text.length > MAX_PLAYLIST_BYTES)
    throw new RpcError('unavailable', `${host(job.server)} sent a playlist the studio does not understand.`)
  return text
}

async function write(out: WriteStream, chunk: Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain')
}

/** Downloads the reel's audio rendition into job.file; answers its size. The caller removes it on failure. */
export async function downloadSoundRendition(job: RenditionDownload): Promise<number> {
  const { server, reelId } = job
  const masterUrl = new URL(`/media/${reelId}/master.m3u8`, server)
  const variant = smallestWithSound(masterVariants(await getText(masterUrl, job)))
  if (!variant) throw new RpcError('unsupported_media', 'This reel has no sound to use.')
  const playlistUrl = mediaUrl(server, reelId, masterUrl, variant.uri)
  const playlist = mediaPlaylist(await getText(playlistUrl, job))
  if (!playlist)
    throw new RpcError('unavailable', `${host(server)} sent a playlist the studio does not understand.`)
  const files = [playlist.init, ...playlist.segments].map((entry) =>
    mediaUrl(server, reelId, playlistUrl, entry),
  )

  // BANDWIDTH is the rendition's peak rate, so this bounds the real size from above; a server that
  // sends far more than it announced is cut off instead of filling the disk.
  const expected = Math.ceil((variant.bandwidth * Math.max(playlist.durationMs, 1000)) / 8000) + 64 * 1024
  await job.beforeWrite(expected)
  const ceiling = expected * 2

  const out = createWriteStream(job.file)
  // A write error rejects this too; it is reported by the write that met it.
  const closed = once(out, 'close').catch(() => undefined)
  let bytesDone = 0
  let lastEmit = 0
  try {
    for (const [index, url] of files.entries()) {
      const response = await get(url, job)
      const announced = Number(response.headers.get('content-length') ?? NaN)
      let received = 0
      try {
        // Node's fetch body is async-iterable (the DOM typings used by the tests do not say so).
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          received += chunk.byteLength
          bytesDone += chunk.byteLength
          if (bytesDone > ceiling)
            throw new RpcError(
              'unavailable',
              `${host(server)} sent far more than this sound should take; it was not kept.`,
            )
          await write(out, chunk)
          if (Date.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
            lastEmit = Date.now()
            job.onProgress({ bytesDone, filesDone: index, filesTotal: files.length })
          }
        }
      } catch (error) {
        if (error instanceof RpcError) throw error
        job.signal.throwIfAborted()
        throw cutOff(server)
      }
      if (Number.isFinite(announced) && received !== announced) throw cutOff(server)
    }
    job.onProgress({ bytesDone, filesDone: files.length, filesTotal: files.length })
  } finally {
    out.end()
    await closed
  }
  return bytesDone
}
