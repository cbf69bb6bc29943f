// The bridge's media routes for the browser studio, which cannot hand the core a file path:
//   PUT /import?name=<file name>[&importId=…]   the body is the video; runs the import pipeline
//   GET /library/<id>/source                    the source video, with Range (for <video>)
//   GET /library/<id>/thumbs/<NN>.jpg           one poster-strip image
//   PUT /library/<id>/package/<path>?job=<id>   one file of a running encode (ffmpeg.wasm output)
// Same token as the WebSocket. PUT carries it in `x-spool-token` and must come from our Origin;
// <video> and <img> cannot send headers, so GET also accepts it as `?token=` (and browsers send no
// Origin on those, so there is none to check).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RpcError, type RpcErrorCode } from '../../../shared/rpc/envelope'
import type { StudioCore } from '../index'
import { serveFileWithRange } from './serve-file-range'

/** A generous ceiling for one source video; the disk-space check still applies below it. */
export const MAX_IMPORT_BYTES = 20 * 1024 ** 3

const STATUS_FOR: Partial<Record<RpcErrorCode, number>> = {
  bad_request: 400,
  invalid_params: 400,
  not_found: 404,
  conflict: 409,
  cancelled: 409,
  unsupported_media: 415,
  insufficient_storage: 507,
  unavailable: 503,
}

const VIDEO_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
}

const MEDIA_PATH = /^\/library\/([0-9A-HJKMNP-TV-Z]{26})\/(source|thumbs\/(\d{2})\.jpg)$/
// The package path is checked by the core (isSafePackagePath and the package layout).
const PACKAGE_PATH = /^\/library\/([0-9A-HJKMNP-TV-Z]{26})\/package\/(.+)$/

export interface LibraryRouteContext {
  core: StudioCore
  origin: string
  tokenMatches(given: string | null | undefined): boolean
}

/** Handles the request if it is one of ours; returns false to let the static files have it. */
export function handleLibraryRoute(
  req: IncomingMessage,
  res: ServerResponse,
  context: LibraryRouteContext,
): boolean {
  const url = new URL(req.url ?? '/', context.origin)
  if (url.pathname === '/import') {
    void handleImport(req, res, url, context)
    return true
  }
  const packageFile = PACKAGE_PATH.exec(url.pathname)
  if (packageFile) {
    void handlePackageFile(req, res, url, context, packageFile[1]!, packageFile[2]!)
    return true
  }
  const media = MEDIA_PATH.exec(url.pathname)
  if (!media) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end()
    return true
  }
  const given = header(req, 'x-spool-token') ?? url.searchParams.get('token')
  if (!context.tokenMatches(given)) return sendError(res, 401, 'bad_request', 'Missing or wrong studio token')
  const [, id, , thumb] = media
  const file = context.core.library.mediaFile(
    id!,
    thumb === undefined ? 'source' : { thumbnail: Number(thumb) },
  )
  if (!file) return sendError(res, 404, 'not_found', 'No such file in the library')
  const extension = file.slice(file.lastIndexOf('.') + 1)
  serveFileWithRange(req, res, file, {
    contentType: thumb === undefined ? (VIDEO_TYPES[extension] ?? 'application/octet-stream') : 'image/jpeg',
    // Thumbnail URLs carry the item's updatedAt, so a new strip is a new URL.
    cacheControl: thumb === undefined ? 'private, no-cache' : 'private, max-age=86400',
  })
  return true
}

async function handleImport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: LibraryRouteContext,
) {
  // An answer before the body is read must close the connection: draining gigabytes to keep it
  // alive would be worse than a reconnect.
  const refuse = (status: number, code: RpcErrorCode, message: string) => {
    res.setHeader('Connection', 'close')
    sendError(res, status, code, message)
    req.resume()
  }
  if (req.method !== 'PUT') return refuse(405, 'bad_request', 'Use PUT to import a file')
  if (!context.tokenMatches(header(req, 'x-spool-token')))
    return refuse(401, 'bad_request', 'Missing or wrong studio token')
  if (req.headers.origin !== context.origin)
    return refuse(403, 'bad_request', 'This page may not import into the studio')
  const name = url.searchParams.get('name')
  if (!name) return refuse(400, 'invalid_params', 'Give the file name as ?name=')
  const importId = url.searchParams.get('importId') ?? undefined
  if (importId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(importId)) {
    return refuse(400, 'invalid_params', 'Not an import id')
  }
  const length = req.headers['content-length']
  if (length === undefined || !/^\d+$/.test(length)) {
    return refuse(411, 'bad_request', 'Send the file with a Content-Length header')
  }
  const bytesTotal = Number(length)
  if (bytesTotal > MAX_IMPORT_BYTES) return refuse(413, 'bad_request', 'This file is larger than 20 GB')
  try {
    const item = await context.core.library.importStream({
      stream: req,
      fileName: name,
      bytesTotal,
      importId,
    })
    res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(item))
  } catch (error) {
    const rpc = error instanceof RpcError ? error : new RpcError('internal', 'The import failed')
    refuse(STATUS_FOR[rpc.code] ?? 500, rpc.code, rpc.message)
  }
}

async function handlePackageFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: LibraryRouteContext,
  reelId: string,
  path: string,
) {
  const refuse = (status: number, code: RpcErrorCode, message: string) => {
    res.setHeader('Connection', 'close')
    sendError(res, status, code, message)
    req.resume()
  }
  if (req.method !== 'PUT') return refuse(405, 'bad_request', 'Use PUT to send a package file')
  if (!context.tokenMatches(header(req, 'x-spool-token')))
    return refuse(401, 'bad_request', 'Missing or wrong studio token')
  if (req.headers.origin !== context.origin)
    return refuse(403, 'bad_request', 'This page may not write into the studio')
  const jobId = url.searchParams.get('job')
  if (!jobId) return refuse(400, 'invalid_params', 'Give the encode job as ?job=')
  try {
    const bytes = await context.core.encode.putFile({
      reelId,
      jobId,
      path: decodeURIComponent(path),
      stream: req,
    })
    res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ bytes }))
  } catch (error) {
    const rpc = error instanceof RpcError ? error : new RpcError('internal', 'Could not store the file')
    refuse(STATUS_FOR[rpc.code] ?? 500, rpc.code, rpc.message)
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function sendError(res: ServerResponse, status: number, code: RpcErrorCode, message: string): true {
  if (!res.headersSent) {
    res
      .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ error: { code, message } }))
  } else res.destroy()
  return true
}
