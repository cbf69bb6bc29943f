// The upload queue: reel packages go to the signed-in server with tus-js-client, up to
// `uploadConcurrency` at a time. Resumption is tus-js-client's own: a SQLite url storage keyed by a
// fingerprint of the package's identity, so after a pause, a crash or a restart the client HEADs
// the stored URL and continues from the server's offset. On top of the client's quick retries we
// add a longer backoff between attempts, and an offline mode (the server's /healthz fails) that
// parks the queue and probes until the server is back. After the last byte the queue follows the
// reel on the server until it is published or rejected.
import { createReadStream, existsSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { DetailedError, Upload } from 'tus-js-client'
import type { UploadItem, UploadState } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { PACKAGE_REASONS } from '../../../shared/reel/package-reasons'
import type { AccountService, Session } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import { packageTarPath } from '../encode/package-staging'
import type { ReelStore } from '../library/reel-store'
import { hashFile, uploadFingerprint } from './package-identity'
import { fetchReelVerdict, serverChunkBytes, serverIsUp } from './server-calls'
import { createSpeedMeter, type SpeedMeter } from './speed-meter'
import { sqliteUrlStorage } from './sqlite-url-storage'
import { createUploadStore, toUploadItem, type UploadJoinedRow } from './upload-store'

export interface UploadTuning {
  /** Overrides the server's chunkBytes (tests use small chunks to stop mid-upload). */
  chunkBytes?: number
  /** A pause before every PATCH: tests use it to make a small upload slow enough to interrupt. */
  chunkDelayMs?: number
  /** How often to probe /healthz while offline. */
  probeMs?: number
  /** First delay when following a reel's status on the server (doubles up to 10 s). */
  pollMs?: number
  /** First delay of our backoff between failed attempts (doubles up to 5 min). */
  retryBaseMs?: number
}

export interface UploadQueueOptions {
  db: Database.Database
  events: CoreEvents
  reels: ReelStore
  account: AccountService
  /** The library folder (<dataDir>/library). */
  library: string
  concurrency: () => number
  tuning?: UploadTuning
  log?: { warn(obj: unknown, msg?: string): void }
}

const MAX_ATTEMPTS = 8
const PROGRESS_EVERY_MS = 250
const UNUPLOADED: readonly UploadState[] = ['queued', 'uploading', 'paused', 'failed']
const OFFLINE_MESSAGE = 'Offline: waiting for the server to come back.'
const SIGN_IN_AGAIN = 'Sign in again: the server no longer accepts this session.'

type StopReason = 'pause' | 'cancel' | 'offline' | 'signed-out' | 'closed'

interface Running {
  upload: Upload
  meter: SpeedMeter
  stop: StopReason | null
  lastEmit: number
  speedBps: number | null
  remainingMs: number | null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function refusal(error: unknown): { status: number | null; code: string | null; message: string } {
  const response = error instanceof DetailedError ? error.originalResponse : null
  const status = response?.getStatus() ?? null
  let code: string | null = null
  let message = error instanceof Error ? error.message : String(error)
  try {
    const body = JSON.parse(response?.getBody() ?? '') as { error?: { code?: string; message?: string } }
    code = body.error?.code ?? null
    if (body.error?.message) message = body.error.message
  } catch {
    // not JSON: keep the client's message
  }
  return { status, code, message }
}

export function createUploadQueue(options: UploadQueueOptions) {
  const { db, events, reels, account, library, tuning = {}, log = console } = options
  const store = createUploadStore(db)
  const urlStorage = sqliteUrlStorage(db)
  const running = new Map<string, Running>()
  const polling = new Set<string>()
  const chunkSizes = new Map<string, number>()
  let offline = false
  let closed = false
  let probeTimer: NodeJS.Timeout | null = null
  let wakeTimer: NodeJS.Timeout | null = null
  let pumping: Promise<void> | null = null
  let pumpAgain = false

  function item(row: UploadJoinedRow): UploadItem {
    const live = running.get(row.reel_id)
    return toUploadItem(row, live ? { speedBps: live.speedBps, remainingMs: live.remainingMs } : undefined)
  }

  function set(reelId: string, patch: Parameters<typeof store.update>[1]): UploadJoinedRow | undefined {
    // A tus callback that lands after close() must not touch the closed database.
    if (closed) return undefined
    const before = store.get(reelId)
    const row = store.update(reelId, patch)
    if (row && (before?.state !== row.state || patch.last_error !== undefined)) {
      events.emit('upload.changed', { reelId, state: row.state })
    }
    return row
  }

  function setReel(
    reelId: string,
    status: 'queued' | 'uploading' | 'published' | 'rejected' | 'draft',
    reason: string | null = null,
  ) {
    const before = reels.get(reelId)
    if (!before || (before.status === status && before.rejectReason === reason)) return
    reels.setStatusWithReason(reelId, status, reason)
    events.emit('library.changed', { id: reelId, change: 'updated' })
  }

  /** "syncing" while bytes move, so the nav rail shows it. */
  function updateConnection(): void {
    if (!offline && !closed) account.setConnection(running.size > 0 ? 'syncing' : 'online')
  }

  function mustGet(reelId: string): UploadJoinedRow {
    const row = store.get(reelId)
    if (!row) throw new RpcError('not_found', 'This reel is not in the upload queue')
    return row
  }

  // ---- Scheduling ---------------------------------------------------------------------------

  function pump(): void {
    if (closed) return
    if (pumping) {
      pumpAgain = true
      return
    }
    pumping = fill()
      .catch((error: unknown) => log.warn({ err: error }, 'upload queue could not start uploads'))
      .finally(() => {
        pumping = null
        if (pumpAgain) {
          pumpAgain = false
          pump()
        }
      })
  }

  async function fill(): Promise<void> {
    if (offline || closed) return
    const session = await account.session()
    if (!session) return
    const now = Date.now()
    let earliest: number | null = null
    for (const row of store.inStates(['queued'])) {
      if (running.size >= options.concurrency()) break
      if (running.has(row.reel_id)) continue
      const due = row.next_attempt_at ? Date.parse(row.next_attempt_at) : 0
      if (due > now) {
        earliest = earliest === null ? due : Math.min(earliest, due)
        continue
      }
      await start(row, session)
      if (offline || closed) return
    }
    if (wakeTimer) clearTimeout(wakeTimer)
    wakeTimer = earliest === null ? null : setTimeout(pump, Math.max(0, earliest - Date.now()) + 10)
    for (const row of store.inStates(['processing'])) follow(row.reel_id)
  }

  async function chunkSizeFor(serverUrl: string): Promise<number> {
    if (tuning.chunkBytes) return tuning.chunkBytes
    const known = chunkSizes.get(serverUrl)
    if (known) return known
    const size = (await serverChunkBytes(serverUrl)) ?? 8 * 1024 * 1024
    chunkSizes.set(serverUrl, size)
    return size
  }

  async function start(row: UploadJoinedRow, session: Session): Promise<void> {
    const reelId = row.reel_id
    const tarPath = packageTarPath(library, reelId)
    if (!existsSync(tarPath)) {
      set(reelId, {
        state: 'failed',
        last_error: 'The package is missing from the library; encode the reel again.',
      })
      return
    }
    const fingerprint = uploadFingerprint(session.serverUrl, reelId, row.package_sha256)
    const chunkSize = await chunkSizeFor(session.serverUrl)
    const entry: Running = {
      upload: undefined as unknown as Upload,
      meter: createSpeedMeter(),
      stop: null,
      lastEmit: 0,
      speedBps: null,
      remainingMs: null,
    }
    const upload = new Upload(createReadStream(tarPath), {
      endpoint: `${session.serverUrl}/api/uploads/`,
      uploadSize: row.bytes_total,
      chunkSize,
      metadata: { reelId, filename: 'package.tar' },
      headers: { authorization: `Bearer ${session.token}` },
      fingerprint: async () => fingerprint,
      urlStorage,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      // The client's own quick retries, for a dropped connection or a 5xx; longer outages are ours.
      retryDelays: [0, 1000, 3000],
      onBeforeRequest: async (request) => {
        if (request.getMethod() !== 'PATCH') return
        if (tuning.chunkDelayMs) await sleep(tuning.chunkDelayMs)
        // Paused or cancelled while waiting: send no more bytes (the client does not re-check).
        if (entry.stop) throw new Error('The upload was stopped')
      },
      onUploadUrlAvailable: () => void set(reelId, { upload_url: upload.url }),
      onProgress: (sent, total) => {
        entry.speedBps = entry.meter.sample(sent)
        entry.remainingMs = entry.meter.remainingMs(sent, total)
        const now = Date.now()
        if (now - entry.lastEmit < PROGRESS_EVERY_MS && sent < total) return
        entry.lastEmit = now
        events.emit('upload.progress', {
          reelId,
          bytesSent: sent,
          bytesTotal: total,
          speedBps: entry.speedBps,
          remainingMs: entry.remainingMs,
        })
      },
      // What the server acknowledged, so a restart shows honest progress before its HEAD.
      onChunkComplete: (_size, accepted) => void store.update(reelId, { bytes_sent: accepted }),
      onSuccess: () => {
        running.delete(reelId)
        updateConnection()
        set(reelId, { state: 'processing', bytes_sent: row.bytes_total, last_error: null, attempts: 0 })
        follow(reelId)
        pump()
      },
      onError: (error) => {
        running.delete(reelId)
        updateConnection()
        if (entry.stop) return
        void failed(reelId, session, error).finally(pump)
      },
    })
    entry.upload = upload
    running.set(reelId, entry)
    set(reelId, {
      state: 'uploading',
      fingerprint,
      server_url: session.serverUrl,
      next_attempt_at: null,
      last_error: null,
    })
    setReel(reelId, 'uploading')
    const previous = await upload.findPreviousUploads().catch(() => [])
    if (entry.stop) return
    if (previous[0]) upload.resumeFromPreviousUpload(previous[0])
    upload.start()
    updateConnection()
  }

  async function failed(reelId: string, session: Session, error: unknown): Promise<void> {
    const { status, message } = refusal(error)
    if (status === 401) {
      set(reelId, { state: 'failed', last_error: SIGN_IN_AGAIN })
      return
    }
    // A refusal (quota, reel id taken, too large) will not change by retrying on its own.
    if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      set(reelId, { state: 'failed', last_error: message })
      return
    }
    if (!(await serverIsUp(session.serverUrl))) {
      set(reelId, { state: 'queued', last_error: OFFLINE_MESSAGE })
      goOffline(session.serverUrl)
      return
    }
    const attempts = (store.get(reelId)?.attempts ?? 0) + 1
    if (attempts >= MAX_ATTEMPTS) {
      set(reelId, { state: 'failed', attempts, last_error: `The upload kept failing: ${message}` })
      return
    }
    const delay = Math.min((tuning.retryBaseMs ?? 5000) * 2 ** (attempts - 1), 5 * 60_000)
    log.warn({ reelId, attempts, delay, message }, 'upload failed; retrying later')
    set(reelId, {
      state: 'queued',
      attempts,
      next_attempt_at: new Date(Date.now() + delay).toISOString(),
      last_error: `${message} Retrying in ${Math.round(delay / 1000)} s.`,
    })
  }

  async function stopRunning(reelId: string, reason: StopReason, terminate = false): Promise<void> {
    const entry = running.get(reelId)
    if (!entry) return
    entry.stop = reason
    running.delete(reelId)
    updateConnection()
    await entry.upload.abort(terminate).catch((error: unknown) => {
      log.warn({ err: error, reelId }, 'could not terminate the upload on the server')
    })
  }

  // ---- Offline ----------------------------------------------------------------------------------

  function goOffline(serverUrl: string): void {
    if (offline || closed) return
    offline = true
    account.setConnection('offline')
    for (const reelId of [...running.keys()]) {
      void stopRunning(reelId, 'offline')
      set(reelId, { state: 'queued', last_error: OFFLINE_MESSAGE })
    }
    probeTimer = setInterval(() => {
      void serverIsUp(serverUrl).then((up) => {
        if (!up || closed || !offline) return
        offline = false
        if (probeTimer) clearInterval(probeTimer)
        probeTimer = null
        account.setConnection('online')
        for (const row of store.inStates(['queued'])) {
          if (row.last_error === OFFLINE_MESSAGE)
            set(row.reel_id, { last_error: null, next_attempt_at: null })
        }
        pump()
      })
    }, tuning.probeMs ?? 5000)
  }

  // ---- After the upload: the server's verdict -----------------------------------------------------

  function follow(reelId: string): void {
    if (polling.has(reelId) || closed) return
    polling.add(reelId)
    void (async () => {
      let delay = tuning.pollMs ?? 1000
      try {
        while (!closed && store.get(reelId)?.state === 'processing') {
          const session = await account.session()
          if (!session) return
          const verdict = await fetchReelVerdict(session.serverUrl, reelId, session.token)
          if (verdict.kind === 'published') {
            set(reelId, {
              state: 'published',
              server_status: 'published',
              published_url: `${session.serverUrl}/r/${reelId}`,
            })
            setReel(reelId, 'published')
            return
          }
          if (verdict.kind === 'rejected') {
            const message =
              verdict.message ?? PACKAGE_REASONS[verdict.code as keyof typeof PACKAGE_REASONS] ?? verdict.code
            set(reelId, {
              state: 'rejected',
              server_status: 'rejected',
              reject_code: verdict.code,
              reject_message: message,
            })
            setReel(reelId, 'rejected', message)
            return
          }
          if (verdict.kind === 'unauthorized') {
            set(reelId, { last_error: SIGN_IN_AGAIN })
            return
          }
          if (verdict.kind === 'unreachable') goOffline(session.serverUrl)
          await sleep(delay)
          delay = Math.min(delay * 2, 10_000)
        }
      } finally {
        polling.delete(reelId)
      }
    })()
  }

  // ---- Start-up and hooks -------------------------------------------------------------------------

  // A crash or quit mid-upload: back in the queue; tus resumes from the server's offset.
  for (const row of store.inStates(['uploading'])) set(row.reel_id, { state: 'queued' })

  async function enqueue(reelId: string): Promise<UploadItem | undefined> {
    const tarPath = packageTarPath(library, reelId)
    if (closed || !existsSync(tarPath)) return undefined
    const { sha256, size } = await hashFile(tarPath)
    if (closed) return undefined
    const session = await account.session()
    const serverUrl = session?.serverUrl ?? account.get().serverUrl
    const previous = store.get(reelId)
    if (previous) urlStorage.removeFingerprint(previous.fingerprint)
    const row = store.insert({
      reelId,
      serverUrl,
      sha256,
      size,
      fingerprint: uploadFingerprint(serverUrl, reelId, sha256),
    })
    events.emit('upload.changed', { reelId, state: row.state })
    setReel(reelId, 'queued')
    pump()
    return item(row)
  }

  // Packages that became ready while the queue did not exist yet (or before this version).
  const waiting = reels.list({ status: 'queued' }).filter((reel) => !store.get(reel.id))
  void (async () => {
    for (const reel of waiting)
      await enqueue(reel.id).catch((error: unknown) => log.warn({ err: error }, 'could not queue an upload'))
    pump()
  })()

  const unsubscribe = [
    events.subscribe((name, payload) => {
      // An encode that finished made a checked package.tar: upload it.
      if (name === 'encode.changed' && (payload as { state: string }).state === 'done') {
        void enqueue((payload as { reelId: string }).reelId).catch((error: unknown) =>
          log.warn({ err: error }, 'could not queue an upload'),
        )
      }
      if (name === 'settings.changed') pump()
    }),
    account.onSessionChange(() => {
      void account.session().then((session) => {
        if (session) return pump()
        for (const reelId of [...running.keys()]) {
          void stopRunning(reelId, 'signed-out')
          set(reelId, { state: 'queued' })
        }
      })
    }),
  ]

  return {
    enqueue,
    list: (): UploadItem[] => store.all().map(item),

    async pause(reelId: string): Promise<UploadItem> {
      const row = mustGet(reelId)
      if (!['queued', 'uploading'].includes(row.state))
        throw new RpcError('conflict', `This upload is ${row.state}; only waiting or running uploads pause`)
      await stopRunning(reelId, 'pause')
      return item(set(reelId, { state: 'paused' })!)
    },

    resume(reelId: string): UploadItem {
      const row = mustGet(reelId)
      if (row.state !== 'paused') throw new RpcError('conflict', 'Only a paused upload resumes')
      const next = set(reelId, { state: 'queued', next_attempt_at: null })!
      pump()
      return item(next)
    },

    async cancel(reelId: string): Promise<UploadItem> {
      const row = mustGet(reelId)
      if (!UNUPLOADED.includes(row.state))
        throw new RpcError('conflict', `This upload is ${row.state}; it can no longer be cancelled`)
      if (running.has(reelId)) await stopRunning(reelId, 'cancel', true)
      else if (row.upload_url) {
        const session = await account.session()
        if (session) {
          await Upload.terminate(row.upload_url, {
            headers: { authorization: `Bearer ${session.token}` },
          }).catch((error: unknown) =>
            log.warn({ err: error, reelId }, 'could not terminate the upload on the server'),
          )
        }
      }
      urlStorage.removeFingerprint(row.fingerprint)
      const next = set(reelId, { state: 'cancelled', bytes_sent: 0, upload_url: null, last_error: null })!
      setReel(reelId, 'draft')
      pump()
      return item(next)
    },

    retry(reelId: string): UploadItem {
      const row = mustGet(reelId)
      if (row.state !== 'failed' && row.state !== 'cancelled')
        throw new RpcError('conflict', 'Only a failed or cancelled upload can be retried')
      if (!existsSync(packageTarPath(library, reelId)))
        throw new RpcError('conflict', 'The package is missing from the library; encode the reel again.')
      const next = set(reelId, { state: 'queued', attempts: 0, next_attempt_at: null, last_error: null })!
      setReel(reelId, 'queued')
      pump()
      return item(next)
    },

    async pauseAll(): Promise<number> {
      const rows = store.inStates(['queued', 'uploading'])
      for (const row of rows) {
        await stopRunning(row.reel_id, 'pause')
        set(row.reel_id, { state: 'paused' })
      }
      return rows.length
    },

    resumeAll(): number {
      const rows = store.inStates(['paused'])
      for (const row of rows) set(row.reel_id, { state: 'queued', next_attempt_at: null })
      pump()
      return rows.length
    },

    isOffline: () => offline,
    busy: () => running.size > 0,

    close(): void {
      closed = true
      for (const stop of unsubscribe) stop()
      if (probeTimer) clearInterval(probeTimer)
      if (wakeTimer) clearTimeout(wakeTimer)
      for (const reelId of [...running.keys()]) void stopRunning(reelId, 'closed')
    },
  }
}

export type UploadQueue = ReturnType<typeof createUploadQueue>
