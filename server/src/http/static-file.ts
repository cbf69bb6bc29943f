// Sends one file from disk with a plain fs stream: content type, ETag, 304 on If-None-Match,
// HEAD. Small on purpose; the media route (Range, immutable segments) will build on the same idea.
import { createReadStream, type Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname } from 'node:path'
import { pipeline } from 'node:stream/promises'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
}

export function contentTypeFor(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export function etagFor(stat: Stats): string {
  return `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
}

export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  stat: Stats,
  headers: { cacheControl: string; statusCode?: number },
): Promise<void> {
  const etag = etagFor(stat)
  res.setHeader('content-type', contentTypeFor(file))
  res.setHeader('cache-control', headers.cacheControl)
  res.setHeader('etag', etag)
  res.setHeader('last-modified', stat.mtime.toUTCString())
  res.setHeader('x-content-type-options', 'nosniff')
  const statusCode = headers.statusCode ?? 200
  if (statusCode === 200 && matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304).end()
    return
  }
  res.setHeader('content-length', stat.size)
  res.writeHead(statusCode)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  await pipeline(createReadStream(file), res)
}
