// HLS delivery: GET/HEAD /media/<reelId>/[<rendition>/]<file> (API.md "Delivery"), a raw node:http
// route (measured ~4× faster than @fastify/static). What is published, with each file's size,
// strong ETag (its sha256) and headers, comes from media-index.ts; only files of a published
// package's manifest are ever served. A hot file's bytes come from the hot-file cache
// (media-cache.ts) and are sent without leaving the request's first tick; a cold one is read with
// one read. Behind the shipped nginx site (server/deploy/nginx.conf) nginx sends published files
// itself and this route answers what it does not find: 404, 410, 405. Its headers must mean the
// same as nginx's there (the nginx integration test compares them).
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { sendJsonError } from '../http/api-error'
import type { RawHandler } from '../http/raw-router'
import { parseRange } from './byte-range'
import type { MediaCache } from './media-cache'
import type { MediaIndex, ServedFile } from './media-index'
import { parseMediaPath } from './media-path'
import { readPart } from './read-part'

// Bodies up to this size are read into memory with one read and sent with one write (read-part.ts);
// larger ones (none in a normal package) are streamed. On a real reel's segments (32–200 KB, wrk
// -t2 -c32, interleaved with the stream version) this took ~2–4k to ~4.5–8.5k req/s; serving
// them from the hot-file cache (media-cache.ts) instead took a median 3.5k to 5.9k req/s in the
// same run (bench/media-delivery.bench.ts; a shared two-core machine, so only ratios travel).
const READ_WHOLE_MAX_BYTES = 4 * 1024 * 1024

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

/** The status line and headers of a 200 or 206 answer for `length` bytes from `start`. */
function writeHeadFor(
  res: ServerResponse,
  file: ServedFile,
  partial: boolean,
  start: number,
  length: number,
) {
  const headers = [...file.headers, 'content-length', String(length)]
  if (partial) headers.push('content-range', `bytes ${start}-${start + length - 1}/${file.size}`)
  res.writeHead(partial ? 206 : 200, headers)
}

export function createMediaHandler(
  index: MediaIndex,
  dataDir: string,
  options: { cache?: MediaCache | undefined } = {},
): RawHandler {
  const { cache } = options
  const mediaDir = join(dataDir, 'media')

  /** Reads from disk what the cache did not have, then answers; the cache keeps small files. */
  async function sendFromDisk(
    res: ServerResponse,
    path: string,
    file: ServedFile,
    partial: boolean,
    start: number,
    length: number,
  ): Promise<void> {
    if (file.size > READ_WHOLE_MAX_BYTES) {
      writeHeadFor(res, file, partial, start, length)
      await pipeline(createReadStream(path, { start, end: start + length - 1 }), res)
      return
    }
    // With a cache, a miss reads the whole file (small by the check above) so that later requests
    // for it, ranges included, come from memory. The read comes before the status line, so a
    // missing file is still a clean 500.
    let body: Buffer
    if (cache) {
      const whole = await readPart(path, 0, file.size)
      cache.set(file.sha256, whole)
      body = whole.subarray(start, start + length)
    } else {
      body = await readPart(path, start, length)
    }
    writeHeadFor(res, file, partial, start, length)
    res.end(body)
  }

  return function serveMedia(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendJsonError(res, 405, 'method_not_allowed', 'Media files can only be read.')
    }
    const media = parseMediaPath(url.pathname)
    if (!media) return notFound(res)
    const file = index.lookup(media.reelId, media.path)
    if (file === 'removed') return sendJsonError(res, 410, 'gone', 'This reel was removed.')
    if (file === undefined) return notFound(res)

    if (matchesEtag(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, file.headers as string[]).end()
      return
    }
    // If-Range with another validator means the client's partial copy is stale: send it all.
    const ifRange = req.headers['if-range']
    const range =
      ifRange === undefined || ifRange === file.etag
        ? parseRange(req.headers.range, file.size)
        : { kind: 'whole' as const }
    if (range.kind === 'unsatisfiable') {
      for (let i = 0; i < file.headers.length; i += 2) res.setHeader(file.headers[i]!, file.headers[i + 1]!)
      res.setHeader('content-range', `bytes */${file.size}`)
      return sendJsonError(res, 416, 'range_not_satisfiable', `The file has ${file.size} bytes.`)
    }
    const partial = range.kind === 'range'
    const start = partial ? range.start : 0
    const length = partial ? Math.max(0, range.end - range.start + 1) : file.size
    if (req.method === 'HEAD' || length === 0) {
      writeHeadFor(res, file, partial, start, length)
      return void res.end()
    }
    const cached = cache?.get(file.sha256)
    if (cached) {
      writeHeadFor(res, file, partial, start, length)
      return void res.end(cached.subarray(start, start + length))
    }
    return sendFromDisk(res, join(mediaDir, media.reelId, media.path), file, partial, start, length)
  }
}
