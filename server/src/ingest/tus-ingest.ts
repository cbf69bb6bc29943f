// The tus endpoint (/api/uploads, API.md "Uploads"): @tus/server with a FileStore under
// <dataDir>/uploads, served as a raw node:http route. All of our policy lives in its hooks —
// who may upload (Bearer auth), who may touch an upload (its creator), what an upload must
// declare (reel id, file name, a length within the limit), quotas and reel id claims — so the
// library stays untouched. A complete upload becomes a durable ingest job (see ingest-worker.ts).
// Two measured speed-ups sit beside it: the body is read without Node's per-chunk copy
// (upload-body.ts) and written without an extra stream hop (upload-file-store.ts).
import { EVENTS, Server } from '@tus/server'
import type { IncomingHttpHeaders, ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { isReelId } from '../../../shared/reel/reel-id'
import type { Auth, Authenticator } from '../accounts/authenticate'
import { ApiError, errorBody } from '../http/api-error'
import type { RawHandler } from '../http/raw-router'
import type { Limits } from '../limits'
import type { IngestStore } from './ingest-store'
import { useUncopiedBody } from './upload-body'
import { UploadFileStore } from './upload-file-store'

export const TUS_PATH = '/api/uploads'
/** The upload's metadata key holding its creator; set by the server, whatever the client sent. */
export const OWNER_METADATA_KEY = 'spoolUserId'

const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
// An upload row whose file never appeared (the store failed right after our hook) is forgotten
// once it is this old; younger ones may still be in the middle of being created.
const ORPHAN_GRACE_MS = 60_000

/** What @tus/server expects a hook to throw: it answers with this status and body. */
class TusHookError extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body)
  }
}

/** The node:http response behind srvx's web Request, to give our JSON errors their content type. */
function nodeResponse(req: Request): ServerResponse | undefined {
  return (req as { runtime?: { node?: { res?: ServerResponse } } }).runtime?.node?.res
}

function refuse(req: Request, status: number, code: string, message: string): TusHookError {
  const res = nodeResponse(req)
  if (res) answerAsJson(res)
  return new TusHookError(status, JSON.stringify(errorBody(code, message)))
}

// The library answers with a web Response whose string body gets "text/plain" from the Response
// constructor, and hooks cannot reach its headers. Our errors are JSON (API.md), so for a refused
// request the content type is swapped on its way to node:http.
function answerAsJson(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
  res.writeHead = ((...args: unknown[]) => {
    const headers = args.at(-1)
    if (Array.isArray(headers)) {
      const kept: unknown[] = []
      for (let i = 0; i < headers.length; i += 2) {
        if (String(headers[i]).toLowerCase() !== 'content-type') kept.push(headers[i], headers[i + 1])
      }
      args[args.length - 1] = kept
    }
    res.setHeader('content-type', 'application/json; charset=utf-8')
    return writeHead(...args)
  }) as ServerResponse['writeHead']
}

export interface TusIngestOptions {
  dataDir: string
  limits: Limits
  auth: Authenticator
  store: IngestStore
  /** Called when an upload completed and its job is waiting. */
  onJobQueued: () => void
  log: () => FastifyBaseLogger
}

export function createTusIngest(options: TusIngestOptions) {
  const { limits, store } = options
  const uploadsDir = join(options.dataDir, 'uploads')
  const datastore = new UploadFileStore({
    directory: uploadsDir,
    expirationPeriodInMilliseconds: limits.uploadExpiryMs,
  })
  // The caller of each request, found by onIncomingRequest and used by onUploadCreate.
  const callers = new WeakMap<Request, Auth>()

  function authenticate(req: Request): Auth {
    const headers: IncomingHttpHeaders = Object.fromEntries(req.headers)
    let auth: Auth | null
    try {
      auth = options.auth.authenticate(req.method, headers)
    } catch (error) {
      if (error instanceof ApiError) throw refuse(req, error.statusCode, error.code, error.message)
      throw error
    }
    if (!auth) throw refuse(req, 401, 'unauthorized', 'Uploading needs an Authorization: Bearer token.')
    return auth
  }

  const tus = new Server({
    path: TUS_PATH,
    datastore,
    // A finished upload is an ingest job; deleting its file under the worker would break it.
    disableTerminationForFinishedUploads: true,

    async onIncomingRequest(req, uploadId) {
      // Before anything reads the body (see upload-body.ts).
      useUncopiedBody(req)
      const auth = authenticate(req)
      callers.set(req, auth)
      if (req.method === 'POST') return
      // The owner comes from our own row (written at creation, in the same transaction as the
      // quota), not from the upload's info file: one indexed read instead of a file read on every
      // PATCH. The library still reads the info file itself and answers 404 when it is gone.
      const owner = store.uploadOwner(uploadId)
      if (owner === null) {
        throw refuse(req, 404, 'not_found', 'There is no such upload (it may have finished or expired).')
      }
      if (owner !== auth.user.id)
        throw refuse(req, 403, 'forbidden', 'This upload belongs to another account.')
    },

    async onUploadCreate(req, upload) {
      const auth = callers.get(req)
      if (!auth) throw refuse(req, 401, 'unauthorized', 'Sign in first.')
      const reelId = upload.metadata?.reelId ?? ''
      const filename = upload.metadata?.filename ?? ''
      if (!isReelId(reelId)) {
        throw refuse(
          req,
          400,
          'invalid_metadata',
          'Upload-Metadata needs "reelId": the reel\'s ULID (26 characters, upper case).',
        )
      }
      if (!FILENAME.test(filename)) {
        throw refuse(
          req,
          400,
          'invalid_metadata',
          'Upload-Metadata needs "filename": up to 100 letters, digits, ".", "_" or "-".',
        )
      }
      if (upload.sizeIsDeferred || upload.size === undefined || upload.size < 1) {
        throw refuse(
          req,
          400,
          'upload_length_required',
          'Declare the package size in Upload-Length (deferred lengths are not accepted).',
        )
      }
      if (upload.size > limits.maxPackageBytes) {
        throw refuse(
          req,
          413,
          'package_too_large',
          `The package is ${upload.size} bytes; this server accepts at most ${limits.maxPackageBytes}.`,
        )
      }
      const started = store.startUpload(
        { uploadId: upload.id, reelId, userId: auth.user.id, size: upload.size },
        limits,
      )
      // 403 rather than 409 for a taken id: tus-js-client retries 409s, and retrying cannot help.
      if (!started.ok) throw refuse(req, 403, started.code, started.message)
      return { metadata: { ...upload.metadata, [OWNER_METADATA_KEY]: auth.user.id } }
    },

    async onUploadFinish(_req, upload) {
      // Recorded durably before the 204 goes out; the check itself runs in the worker.
      if (store.completeUpload(upload.id)) options.onJobQueued()
      return {}
    },
  })

  // A terminated (DELETE) upload no longer holds its quota or, if nothing else does, its reel id.
  tus.on(EVENTS.POST_TERMINATE, (_req, _res, id) => store.forgetUploads([id]))

  const handle: RawHandler = (req, res) => tus.handle(req, res)

  /** Deletes expired unfinished uploads and forgets them; skipped while jobs are pending. */
  async function cleanUpExpired(): Promise<number> {
    // FileStore judges expiry by creation date and its stored offset (always 0), so it would also
    // delete a complete upload whose job has not run yet: only clean when no job is waiting.
    if (store.pendingJobs().length > 0) return 0
    const deleted = await tus.cleanUpExpiredUploads()
    const gone: string[] = []
    // An expired upload's file was just deleted; a younger one with no file may still be being
    // created (whichever comes first: a short test expiry must not wait out the grace period).
    const grace = Math.min(ORPHAN_GRACE_MS, limits.uploadExpiryMs)
    for (const upload of store.uploadsInState('uploading')) {
      if (Date.now() - upload.createdAt < grace) continue
      try {
        await datastore.getUpload(upload.uploadId)
      } catch {
        gone.push(upload.uploadId)
      }
    }
    store.forgetUploads(gone)
    if (deleted > 0 || gone.length > 0)
      options.log().info({ deleted, forgotten: gone.length }, 'ingest: expired uploads cleaned')
    return deleted
  }

  /** Deletes an upload's file and its record in the store (the job is done with it). */
  async function removeUpload(uploadId: string): Promise<void> {
    try {
      await datastore.remove(uploadId)
    } catch {
      // already gone: nothing to delete
    }
  }

  return { handle, cleanUpExpired, removeUpload, uploadsDir }
}

export type TusIngest = ReturnType<typeof createTusIngest>
