// The encode queue: the core owns the jobs (SQLite), the renderer does the encoding (ffmpeg.wasm
// needs a browser) and pulls the next job. A reel is `encoding` while it has a queued or running job,
// `queued` (for upload) once its package passed the server's check, and a `draft` again after a
// cancel or a failure. Start-up puts jobs a crash left `running` back in the queue, and a job whose
// window stopped renewing its lease (closed, crashed) is queued again while the core runs, or ends
// failed after too many tries, so nothing stays `encoding` forever.
import type Database from 'better-sqlite3'
import { rm } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type {
  EncodeJob,
  EncodeOptions,
  EncodeProgress,
  LibraryItem,
  MediaProbe,
  ReelStatus,
} from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import type { CoreEvents } from '../core-events'
import type { ManifestSound } from '../../../shared/reel/draft-edit'
import type { ReelStore } from '../library/reel-store'
import { assemblePackage, type AssembleInput } from './assemble-package'
import { createEncodeJobStore } from './encode-job-store'
import { createEncodeLeases, DEFAULT_LEASE_TUNING, type LeaseTuning } from './encode-leases'
import { packageTarPath, stagingDir, writeStagedFile } from './package-staging'

/** Statuses from which a reel may be (re-)encoded. */
const ENCODABLE: ReadonlySet<ReelStatus> = new Set(['draft', 'rejected'])

export interface EncodeQueueOptions {
  db: Database.Database
  events: CoreEvents
  store: ReelStore
  /** The library folder (<dataDir>/library). */
  library: string
  log?: { warn(obj: unknown, msg?: string): void }
  /** Lease length and tries (tests: a short lease and their own clock). */
  lease?: Partial<LeaseTuning> & { checkEveryMs?: number }
  /** What the manifest says of the sound of a reel encoded with this replacement file (the draft knows). */
  manifestSound?: (reelId: string, soundFile: string | undefined) => ManifestSound
}

const gaveUpMessage = (tries: number) =>
  `The encode stopped ${tries} times before it finished (the studio window was closed, reloaded or ` +
  'crashed while encoding). Encode again and keep the window open until it is done.'

export interface FinishInput {
  jobId: string
  durationMs: number
  renditions: AssembleInput['renditions']
}

export function createEncodeQueue(options: EncodeQueueOptions) {
  const { db, events, store, library, log = console } = options
  const jobs = createEncodeJobStore(db)
  const leases = createEncodeLeases({ ...DEFAULT_LEASE_TUNING, ...options.lease })
  // A removal still running when the job's next runner sends files: they wait for it.
  const removing = new Map<string, Promise<void>>()

  const removePartials = (reelId: string) => {
    const removal = Promise.all([
      rm(stagingDir(library, reelId), { recursive: true, force: true }),
      rm(`${packageTarPath(library, reelId)}.partial`, { force: true }),
    ])
      .then(() => {})
      .catch((error: unknown) => log.warn({ err: error, reelId }, 'could not remove partial encode files'))
      .finally(() => {
        if (removing.get(reelId) === removal) removing.delete(reelId)
      })
    removing.set(reelId, removal)
    return removal
  }

  function setReelStatus(reelId: string, status: ReelStatus): LibraryItem | undefined {
    const item = store.setStatus(reelId, status)
    if (item) events.emit('library.changed', { id: reelId, change: 'updated' })
    return item
  }

  function announce(job: Pick<EncodeJob, 'id' | 'reelId'>, state: EncodeJob['state']) {
    events.emit('encode.changed', { jobId: job.id, reelId: job.reelId, state })
  }

  function runningJob(jobId: string, reelId?: string): EncodeJob {
    const job = jobs.get(jobId)
    if (!job || (reelId !== undefined && job.reelId !== reelId))
      throw new RpcError('not_found', 'No such encode job')
    if (job.state !== 'running') throw new RpcError('cancelled', 'This encode was cancelled or has ended')
    return job
  }

  /** Ends a job that did not make a package: the reel goes back to being a draft. */
  async function endUnfinished(job: EncodeJob, state: 'failed' | 'cancelled', error: string | null) {
    if (!jobs.end(job.id, state, error)) return false
    leases.release(job.id)
    setReelStatus(job.reelId, 'draft')
    announce(job, state)
    await removePartials(job.reelId)
    return true
  }

  // Recovery: a crash or quit mid-encode left the job running and maybe half its files.
  for (const job of jobs.requeueRunning()) {
    log.warn({ jobId: job.id, reelId: job.reelId }, 'restarting an encode interrupted by a quit or crash')
    void removePartials(job.reelId)
  }
  // And a reel marked encoding without any job (should not happen, but must never stick).
  for (const item of store.list({ status: 'encoding' })) {
    if (!jobs.active(item.id)) store.setStatus(item.id, 'draft')
  }

  /** Takes back jobs whose runner stopped renewing: queued again, or failed after the last try. */
  function reclaimExpired() {
    for (const expired of leases.takeExpired()) {
      const job = jobs.get(expired.jobId)
      if (!job || job.state !== 'running') continue
      if (expired.exhausted) {
        log.warn(
          { jobId: job.id, attempts: expired.attempts },
          'giving up an encode whose runners kept stopping',
        )
        void endUnfinished(job, 'failed', gaveUpMessage(expired.attempts))
      } else if (jobs.requeue(job.id)) {
        log.warn(
          { jobId: job.id, reelId: job.reelId },
          'requeueing an encode whose window stopped renewing it',
        )
        void removePartials(job.reelId)
        announce(job, 'queued')
      }
    }
  }
  const reclaimTimer = setInterval(
    reclaimExpired,
    options.lease?.checkEveryMs ?? Math.max(1000, leases.leaseMs / 6),
  )
  reclaimTimer.unref()

  return {
    start(reelId: string, encodeOptions: EncodeOptions): EncodeJob {
      const item = store.get(reelId)
      if (!item) throw new RpcError('not_found', 'This video is no longer in the library')
      if (jobs.active(reelId)) throw new RpcError('conflict', 'This reel is already being encoded')
      if (!ENCODABLE.has(item.status))
        throw new RpcError('conflict', `This reel is ${item.status}; only drafts can be encoded`)
      const job = db.transaction(() => {
        store.setCaption(reelId, encodeOptions.caption)
        store.setStatus(reelId, 'encoding')
        return jobs.insert(reelId, encodeOptions)
      })()
      events.emit('library.changed', { id: reelId, change: 'updated' })
      announce(job, 'queued')
      return job
    },

    /** The oldest queued job, now running, with what the encoder needs to know of its source. */
    next(): (EncodeJob & { probe: MediaProbe; attempt: number; leaseMs: number }) | null {
      reclaimExpired()
      for (;;) {
        const job = jobs.claimNext()
        if (!job) return null
        const item = store.get(job.reelId)
        if (!item) continue
        const attempt = leases.grant(job.id)
        announce(job, 'running')
        return { ...job, probe: item.probe, attempt, leaseMs: leases.leaseMs }
      }
    },

    /** The runner is alive: its lease goes on. Refused once the job ended or went to another runner. */
    renew(jobId: string, attempt: number): { running: boolean } {
      return { running: jobs.get(jobId)?.state === 'running' && leases.renew(jobId, attempt) }
    },

    progress(input: Omit<EncodeProgress, 'reelId'> & { attempt?: number }): { running: boolean } {
      const { attempt, ...reading } = input
      const job = jobs.get(reading.jobId)
      if (!job || !leases.renew(reading.jobId, attempt) || !jobs.setProgress(reading.jobId, reading.percent))
        return { running: false }
      events.emit('encode.progress', { ...reading, reelId: job.reelId })
      return { running: true }
    },

    /** One file of a running job's package, streamed into its staging folder. */
    async putFile(input: { reelId: string; jobId: string; path: string; stream: Readable }): Promise<number> {
      runningJob(input.jobId, input.reelId)
      await removing.get(input.reelId)
      return writeStagedFile(stagingDir(library, input.reelId), input.path, input.stream)
    },

    async finish(input: FinishInput): Promise<LibraryItem> {
      const job = runningJob(input.jobId)
      // From here the core does the work: a lapse of the runner's lease must not requeue the job.
      leases.release(job.id)
      let result: Awaited<ReturnType<typeof assemblePackage>>
      try {
        result = await assemblePackage({
          dir: stagingDir(library, job.reelId),
          tarPath: packageTarPath(library, job.reelId),
          reelId: job.reelId,
          caption: job.options.caption,
          durationMs: input.durationMs,
          renditions: input.renditions,
          sound: options.manifestSound?.(job.reelId, job.options.soundFile),
        })
      } catch (error) {
        // Cancelled meanwhile (its files were removed under us) or the disk failed.
        if (jobs.get(job.id)?.state !== 'running')
          throw new RpcError('cancelled', 'This encode was cancelled')
        log.warn({ err: error, jobId: job.id }, 'could not assemble the reel package')
        await endUnfinished(job, 'failed', 'The studio could not write the reel package to disk.')
        throw new RpcError('internal', 'The studio could not write the reel package to disk.')
      }
      if (!result.ok) {
        const message = `The encoded reel would be refused by the server (${result.reason}): ${result.message}`
        await endUnfinished(job, 'failed', message)
        throw new RpcError('package_invalid', message)
      }
      if (!jobs.end(job.id, 'done')) {
        await rm(packageTarPath(library, job.reelId), { force: true })
        throw new RpcError('cancelled', 'This encode was cancelled')
      }
      await removePartials(job.reelId)
      const item = setReelStatus(job.reelId, 'queued')
      announce(job, 'done')
      if (!item) throw new RpcError('not_found', 'This video is no longer in the library')
      return item
    },

    async fail(jobId: string, message: string): Promise<EncodeJob> {
      const job = runningJob(jobId)
      await endUnfinished(job, 'failed', message)
      return jobs.get(jobId)!
    },

    async cancel(reelId: string): Promise<boolean> {
      const job = jobs.active(reelId)
      return job ? endUnfinished(job, 'cancelled', null) : false
    },

    latest: (reelId: string) => jobs.latest(reelId),

    close: () => clearInterval(reclaimTimer),
  }
}

export type EncodeQueue = ReturnType<typeof createEncodeQueue>
