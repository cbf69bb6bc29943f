// Streams one local file over HTTP with single-range support, which <video> needs to seek and to
// read an MP4's index from the end. Multi-range requests get the whole file (allowed by RFC 9110).
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`; null = not satisfiable, undefined = whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | undefined {
  if (!header) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return undefined
  const [, from, to] = match
  if (from === '' && to === '') return undefined
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0 || size === 0) return null
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (start >= size || end < start) return null
  return { start, end }
}

export function serveFileWithRange(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: { contentType: string; cacheControl: string },
): void {
  let size: number
  try {
    size = statSync(file).size
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  const common = {
    'Content-Type': headers.contentType,
    'Cache-Control': headers.cacheControl,
    'Accept-Ranges': 'bytes',
  }
  const range = parseRange(req.headers.range, size)
  if (range === null) {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` }).end()
    return
  }
  const { start, end } = range ?? { start: 0, end: size - 1 }
  res.writeHead(range ? 206 : 200, {
    ...common,
    'Content-Length': size === 0 ? 0 : end - start + 1,
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  })
  if (req.method === 'HEAD' || size === 0) {
    res.end()
    return
  }
  createReadStream(file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res)
}
