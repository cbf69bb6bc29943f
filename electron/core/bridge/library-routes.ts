// The bridge's media routes for the browser studio, which cannot hand the core a file path:
//   PUT /import?name=<file name>[&importId=…]   the body is the video; runs the import pipeline
//   GET /library/<id>/source                    the source video, with Range (for <video>)
//   GET /library/<id>/thumbs/<NN>.jpg           one poster-strip image
//   PUT /library/<id>/package/<path>?job=<id>   one file of a running encode (ffmpeg.wasm output)
//   PUT /library/<id>/sound?name=<file name>    a replacement sound for the draft; answers its SoundFile
//   GET /library/<id>/sound/<sha256>.<ext>      a replacement sound, with Range (for <audio>, the encoder)
// Same token as the WebSocket. PUT carries it in `x-spool-token` and must come from our Origin;
// <video> and <img> cannot send headers, so GET also accepts it as `?token=` (and browsers send no
// Origin on those, so there is none to check).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { RpcError, type RpcErrorCode } from '../../../shared/rpc/envelope'
import type { StudioCore } from '../index'
import { serveFileWithRange } from './serve-file-range'

/** A generous ceiling for one source video; the disk-space check still applies below it. */
export const MAX_IMPORT_BYTES = 20 * 1024 ** 3
/** A sound is read whole into the encoder's memory: an hour of 320 kbps MP3 is ~150 MB. */
export const MAX_SOUND_BYTES = 500 * 1024 ** 2

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

const MEDIA_PATH =
  /^\/library\/([0-9A-HJKMNP-TV-Z]{26})\/(source|thumbs\/(\d{2})\.jpg|sound\/([0-9a-f]{64}\.[a-z0-9]{2,4}))$/
const SOUND_IMPORT_PATH = /^\/library\/([0-9A-HJKMNP-TV-Z]{26})\/sound$/

const AUDIO_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  mov: 'video/quicktime',
  webm: 'audio/webm',
  mka: 'audio/x-matroska',
}
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
  const soundImport = SOUND_IMPORT_PATH.exec(url.pathname)
  if (soundImport) {
    void handleSoundImport(req, res, url, context, soundImport[1]!)
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
  const [, id, , thumb, sound] = media
  const file = context.core.library.mediaFile(
    id!,
    sound !== undefined ? { sound } : thumb === undefined ? 'source' : { thumbnail: Number(thumb) },
  )
  if (!file) return sendError(res, 404, 'not_found', 'No such file in the library')
  const extension = file.slice(file.lastIndexOf('.') + 1)
  serveFileWithRange(req, res, file, {
    contentType:
      sound !== undefined
        ? (AUDIO_TYPES[extension] ?? 'application/octet-stream')
        : thumb === undefined
          ? (VIDEO_TYPES[extension] ?? 'application/octet-stream')
          : 'image/jpeg',
    // Thumbnail URLs carry the item's updatedAt, so a new strip is a new URL; sounds are named by content.
    cacheControl: thumb === undefined && sound === undefined ? 'private, no-cache' : 'private, max-age=86400',
  })
  return true
}

/**
 * Refuses a PUT. An answer before the body is read must close the connection: draining gigabytes
 * to keep it alive would be worse than a reconnect.
 */
function refuser(req: IncomingMessage, res: ServerResponse) {
  return (status: number, code: RpcErrorCode, message: string) => {
    res.setHeader('Connection', 'close')
    sendError(res, status, code, message)
    req.resume()
  }
}

/** The checks every PUT shares: the token, our Origin, a Content-Length under the ceiling. */
function checkPut(
  req: IncomingMessage,
  context: LibraryRouteContext,
  what: string,
  maxBytes: number,
): { bytesTotal: number } | { status: number; code: RpcErrorCode; message: string } {
  if (req.method !== 'PUT') return { status: 405, code: 'bad_request', message: `Use PUT to ${what}` }
  if (!context.tokenMatches(header(req, 'x-spool-token')))
    return { status: 401, code: 'bad_request', message: 'Missing or wrong studio token' }
  if (req.headers.origin !== context.origin)
    return { status: 403, code: 'bad_request', message: 'This page may not write into the studio' }
  const length = req.headers['content-length']
  if (length === undefined || !/^\d+$/.test(length))
    return { status: 411, code: 'bad_request', message: 'Send the file with a Content-Length header' }
  const bytesTotal = Number(length)
  if (bytesTotal > maxBytes)
    return {
      status: 413,
      code: 'bad_request',
      message: `This file is larger than ${maxBytes / 1024 ** 2} MB`,
    }
  return { bytesTotal }
}

async function handleSoundImport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: LibraryRouteContext,
  reelId: string,
) {
  const refuse = refuser(req, res)
  const checked = checkPut(req, context, 'send a sound', MAX_SOUND_BYTES)
  if ('status' in checked) return refuse(checked.status, checked.code, checked.message)
  const name = url.searchParams.get('name')
  if (!name) return refuse(400, 'invalid_params', 'Give the file name as ?name=')
  await answerCreated(res, refuse, 'The sound could not be imported', () =>
    context.core.library.importSoundStream(reelId, {
      stream: req,
      fileName: name,
      bytesTotal: checked.bytesTotal,
    }),
  )
}

/** Runs what a PUT asked for: 201 with its JSON, or the typed error with its HTTP status. */
async function answerCreated(
  res: ServerResponse,
  refuse: ReturnType<typeof refuser>,
  fallback: string,
  work: () => Promise<unknown>,
) {
  try {
    const body = await work()
    res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
  } catch (error) {
    const rpc = error instanceof RpcError ? error : new RpcError('internal', fallback)
    refuse(STATUS_FOR[rpc.code] ?? 500, rpc.code, rpc.message)
  }
}

async function handleImport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: LibraryRouteContext,
) {
  const refuse = refuser(req, res)
  const checked = checkPut(req, context, 'import a file', MAX_IMPORT_BYTES)
  if ('status' in checked) return refuse(checked.status, checked.code, checked.message)
  const name = url.searchParams.get('name')
  if (!name) return refuse(400, 'invalid_params', 'Give the file name as ?name=')
  const importId = url.searchParams.get('importId') ?? undefined
  if (importId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(importId)) {
    return refuse(400, 'invalid_params', 'Not an import id')
  }
  await answerCreated(res, refuse, 'The import failed', () =>
    context.core.library.importStream({
      stream: req,
      fileName: name,
      bytesTotal: checked.bytesTotal,
      importId,
    }),
  )
}

async function handlePackageFile(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: LibraryRouteContext,
  reelId: string,
  path: string,
) {
  const refuse = refuser(req, res)
  if (req.method !== 'PUT') return refuse(405, 'bad_request', 'Use PUT to send a package file')
  if (!context.tokenMatches(header(req, 'x-spool-token')))
    return refuse(401, 'bad_request', 'Missing or wrong studio token')
  if (req.headers.origin !== context.origin)
    return refuse(403, 'bad_request', 'This page may not write into the studio')
  const jobId = url.searchParams.get('job')
  if (!jobId) return refuse(400, 'invalid_params', 'Give the encode job as ?job=')
  await answerCreated(res, refuse, 'Could not store the file', async () => ({
    bytes: await context.core.encode.putFile({
      reelId,
      jobId,
      path: decodeURIComponent(path),
      stream: req,
    }),
  }))
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
