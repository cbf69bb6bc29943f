// HLS delivery: GET/HEAD /media/<reelId>/[<rendition>/]<file> (API.md "Delivery"), a raw node:http
// route (measured ~4× faster than @fastify/static) that reads a segment with one read. One
// prepared statement per request says whether the reel is published and gives the file's size and
// sha256 (its strong ETag); only files of a published package's manifest are ever served.
// Behind the shipped nginx site (server/deploy/nginx.conf) nginx sends published files itself and
// this route answers what it does not find: 404, 410, 405. Its headers must mean the same as
// nginx's there (the nginx integration test compares them).
import type Database from 'better-sqlite3'
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { sendJsonError } from '../http/api-error'
import type { RawHandler } from '../http/raw-router'
import { contentTypeFor } from '../http/static-file'
import { parseRange } from './byte-range'
import type { MediaCache } from './media-cache'
import { parseMediaPath } from './media-path'
import { readPart } from './read-part'

const IMMUTABLE = 'public, max-age=31536000, immutable'
// Playlists never change either, but a moderator's removal must reach viewers soon.
const PLAYLIST = 'public, max-age=10'
// Bodies up to this size are read into memory with one read and sent with one write (read-part.ts);
// larger ones (none in a normal package) are streamed. On a real reel's segments (32–200 KB, wrk
// -t2 -c32, interleaved with the stream version) this took ~2–4k to ~4.5–8.5k req/s; serving
// them from the hot-file cache (media-cache.ts) instead took a median 3.5k to 5.9k req/s in the
// same run (bench/media-delivery.bench.ts; a shared two-core machine, so only ratios travel).
const READ_WHOLE_MAX_BYTES = 4 * 1024 * 1024

interface FileRow {
  status: string
  size: number | null
  sha256: string | null
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const value = tag.trim()
    return value === '*' || value === etag || value === `W/${etag}`
  })
}

function notFound(res: ServerResponse): void {
  sendJsonError(res, 404, 'not_found', 'There is no such media file.')
}

export function createMediaHandler(
  db: Database.Database,
  dataDir: string,
  options: { cache?: MediaCache | undefined } = {},
): RawHandler {
  const { cache } = options
  const mediaDir = join(dataDir, 'media')
  const lookup = db.prepare<[string, string], FileRow>(
    `SELECT r.status, f.size, f.sha256 FROM reels r
      LEFT JOIN reel_files f ON f.reel_id = r.id AND f.path = ?
      WHERE r.id = ?`,
  )

  /** The requested bytes, from memory or one read; undefined when the file is too large for that. */
  async function bodyOf(file: string, sha256: string, size: number, start: number, length: number) {
    const cached = cache?.get(sha256)
    if (cached) return cached.subarray(start, start + length)
    if (size > READ_WHOLE_MAX_BYTES) return undefined
    // With a cache, a miss reads the whole file (small by the check above) so that later requests
    // for it, ranges included, come from memory.
    if (!cache) return readPart(file, start, length)
    const whole = await readPart(file, 0, size)
    cache.set(sha256, whole)
    return whole.subarray(start, start + length)
  }

  return async function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendJsonError(res, 405, 'method_not_allowed', 'Media files can only be read.')
    }
    const media = parseMediaPath(url.pathname)
    if (!media) return notFound(res)
    const row = lookup.get(media.path, media.reelId)
    if (row?.status === 'removed') return sendJsonError(res, 410, 'gone', 'This reel was removed.')
    if (row?.status !== 'published' || row.size === null || row.sha256 === null) return notFound(res)

    const size = row.size
    const etag = `"${row.sha256}"`
    res.setHeader('content-type', contentTypeFor(media.path))
    res.setHeader('cache-control', media.path.endsWith('.m3u8') ? PLAYLIST : IMMUTABLE)
    res.setHeader('etag', etag)
    res.setHeader('accept-ranges', 'bytes')
    res.setHeader('x-content-type-options', 'nosniff')
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      res.writeHead(304).end()
      return
    }

    // If-Range with another validator means the client's partial copy is stale: send it all.
    const ifRange = req.headers['if-range']
    const range =
      ifRange === undefined || ifRange === etag
        ? parseRange(req.headers.range, size)
        : { kind: 'whole' as const }
    if (range.kind === 'unsatisfiable') {
      res.setHeader('content-range', `bytes */${size}`)
      return sendJsonError(res, 416, 'range_not_satisfiable', `The file has ${size} bytes.`)
    }
    const start = range.kind === 'range' ? range.start : 0
    const end = range.kind === 'range' ? range.end : size - 1
    const length = Math.max(0, end - start + 1)
    const file = join(mediaDir, media.reelId, ...media.path.split('/'))
    const sendBody = req.method !== 'HEAD' && length > 0
    // Read before the status line goes out, so a missing file is still a clean 500.
    const body = sendBody ? await bodyOf(file, row.sha256, size, start, length) : undefined
    if (range.kind === 'range') res.setHeader('content-range', `bytes ${start}-${end}/${size}`)
    res.setHeader('content-length', length)
    res.writeHead(range.kind === 'range' ? 206 : 200)
    if (!sendBody) return void res.end()
    if (body) return void res.end(body)
    await pipeline(createReadStream(file, { start, end }), res)
  }
}
