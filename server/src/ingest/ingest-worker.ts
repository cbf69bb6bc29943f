// Turns complete uploads into published or rejected reels, one job at a time (the check reads
// and hashes every byte; two at once would only share the disk and the two cores).
//
// Crash safety — the order of a publish, and why:
//   1. the package is extracted into <dataDir>/staging/<reelId>-<random> while it is checked;
//   2. the staging dir is renamed to <dataDir>/media/<reelId> (atomic on one filesystem; the
//      media tree, server/src/media/media-tree.ts, owns that folder);
//   3. one SQLite transaction marks the reel published (with its files) and the job done;
//   4. the tus upload file is deleted.
// Files go into place before the commit so that the database never says "published" for a reel
// whose files are not all there. Start-up recovery cleans up: staging dirs are deleted, the media
// tree is reconciled with the database (media dirs of reels that are not published are deleted,
// or moved out when removed), pending jobs run again from their upload file (deleted only after
// the commit), and upload files of done jobs are deleted. A crash at any point therefore leaves
// either no reel or a complete one.
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { checkReelPackage, type PackageCheckResult } from '../../../shared/node/package-check'
import type { Limits } from '../limits'
import type { MediaTree } from '../media/media-tree'
import type { IngestJob, IngestStore } from './ingest-store'

export interface IngestWorkerOptions {
  dataDir: string
  uploadsDir: string
  limits: Limits
  store: IngestStore
  /** Where published reels' folders go (and what start-up reconciles). */
  tree: MediaTree
  removeUpload: (uploadId: string) => Promise<void>
  /** Told after a reel's publish is committed (live sync updates the creator's dashboard). */
  onPublished?: (reel: { id: string; creatorId: string }) => void
  log: () => FastifyBaseLogger
}

export function createIngestWorker(options: IngestWorkerOptions) {
  const { store, limits } = options
  const stagingDir = join(options.dataDir, 'staging')
  let running: Promise<void> | null = null
  let wakeAgain = false
  let stopped = false

  async function check(job: IngestJob, staging: string): Promise<PackageCheckResult> {
    let declaredId = job.reelId
    const result = await checkReelPackage(createReadStream(join(options.uploadsDir, job.uploadId)), {
      maxEntries: limits.maxPackageEntries,
      maxTotalBytes: limits.maxPackageBytes,
      maxPlaylistBytes: limits.maxTextFileBytes,
      maxDurationMs: limits.maxDurationMs,
      minDurationMs: limits.minDurationMs,
      maxCaptionLength: limits.maxCaptionLength,
      // The manifest must name the reel id this upload claimed; any other id is not this
      // uploader's to use, whoever holds it.
      isReelIdTaken: (id) => {
        declaredId = id
        if (id !== job.reelId) return true
        const owner = store.ownerOf(id)
        return owner !== null && owner !== job.userId
      },
      extractTo: staging,
    })
    if (!result.ok && result.reason === 'reel_id_taken' && declaredId !== job.reelId) {
      return {
        ...result,
        message: `manifest.json names reel ${declaredId}, but this upload was started for reel ${job.reelId}.`,
      }
    }
    return result
  }

  async function runJob(job: IngestJob): Promise<void> {
    const log = options.log().child({ reelId: job.reelId, uploadId: job.uploadId })
    // Only this worker publishes, so a reel found published here was published by an earlier
    // upload of the same id (a retry): that one stands; this upload is dropped.
    if (store.reelStatus(job.reelId) !== 'processing') {
      store.skip(job)
      log.info('ingest: reel no longer processing, upload dropped')
    } else {
      const staging = join(stagingDir, `${job.reelId}-${randomBytes(6).toString('hex')}`)
      const started = performance.now()
      const result = await check(job, staging)
      if (result.ok) {
        await options.tree.placeStaged(job.reelId, staging)
        store.publish(job, result.manifest, result.files)
        log.info({ ms: Math.round(performance.now() - started) }, 'ingest: reel published')
        try {
          options.onPublished?.({ id: job.reelId, creatorId: job.userId })
        } catch (error) {
          // The reel is published either way; a dashboard that missed it catches up when it loads.
          log.error({ err: error }, 'ingest: publish notification failed')
        }
      } else {
        await rm(staging, { recursive: true, force: true })
        store.reject(job, result.reason, result.message)
        if (result.reason === 'internal_error')
          log.error({ err: result.cause }, 'ingest: check failed on our side')
        else log.info({ reason: result.reason, path: result.path }, 'ingest: reel rejected')
      }
    }
    await options.removeUpload(job.uploadId)
    store.forgetUploads([job.uploadId])
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const job = store.pendingJobs()[0]
      if (!job) return
      try {
        await runJob(job)
      } catch (error) {
        // The disk or the database failed mid-job: leave it pending for the next start rather
        // than spin on it now.
        options.log().error({ err: error, reelId: job.reelId }, 'ingest: job failed, left pending')
        return
      }
    }
  }

  /** Runs pending jobs unless already running; a wake during a run triggers another pass. */
  function wake(): void {
    if (stopped) return
    if (running) {
      wakeAgain = true
      return
    }
    running = drain().finally(() => {
      running = null
      if (wakeAgain) {
        wakeAgain = false
        wake()
      }
    })
  }

  /** Start-up recovery (see the top of this file); call before the first wake. */
  async function recover(): Promise<void> {
    await rm(stagingDir, { recursive: true, force: true })
    await mkdir(stagingDir, { recursive: true })
    await options.tree.init()
    await options.tree.reconcile(options.log())
    const done = store.uploadsInState('done')
    for (const upload of done) await options.removeUpload(upload.uploadId)
    store.forgetUploads(done.map((upload) => upload.uploadId))
  }

  return {
    recover,
    wake,
    /** Finishes the job in progress, then stops. */
    async stop(): Promise<void> {
      stopped = true
      await running
    },
    /** Resolves when no job is running (for tests and shutdown). */
    idle: () => running ?? Promise.resolve(),
  }
}

export type IngestWorker = ReturnType<typeof createIngestWorker>
