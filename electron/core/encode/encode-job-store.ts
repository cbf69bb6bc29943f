// The `encode_jobs` table, mapped to the contract's EncodeJob. Only the queue module writes it.
import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { encodeJobSchema, type EncodeJob, type EncodeOptions } from '../../../shared/rpc/contract'

interface JobRow {
  id: string
  reel_id: string
  state: string
  options: string
  progress: number
  started_at: string | null
  finished_at: string | null
  error: string | null
  created_at: string
}

function toJob(row: JobRow): EncodeJob {
  return encodeJobSchema.parse({
    id: row.id,
    reelId: row.reel_id,
    state: row.state,
    options: JSON.parse(row.options),
    progress: row.progress,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    createdAt: row.created_at,
  })
}

const now = () => new Date().toISOString()

export function createEncodeJobStore(db: Database.Database) {
  const byId = db.prepare<[string], JobRow>('SELECT * FROM encode_jobs WHERE id = ?')
  const latest = db.prepare<[string], JobRow>(
    'SELECT * FROM encode_jobs WHERE reel_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  )
  const active = db.prepare<[string], JobRow>(
    "SELECT * FROM encode_jobs WHERE reel_id = ? AND state IN ('queued', 'running')",
  )
  const oldestQueued = db.prepare<[], JobRow>(
    "SELECT * FROM encode_jobs WHERE state = 'queued' ORDER BY created_at, rowid LIMIT 1",
  )
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO encode_jobs (id, reel_id, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  )
  const claim = db.prepare<[string, string, string]>(
    "UPDATE encode_jobs SET state = 'running', progress = 0, started_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
  )
  const progress = db.prepare<[number, string, string]>(
    "UPDATE encode_jobs SET progress = ?, updated_at = ? WHERE id = ? AND state = 'running'",
  )
  const end = db.prepare<[string, string | null, string, string, string]>(
    "UPDATE encode_jobs SET state = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running')",
  )
  const running = db.prepare<[], JobRow>("SELECT * FROM encode_jobs WHERE state = 'running'")
  const backToQueue = db.prepare<[string, string]>(
    "UPDATE encode_jobs SET state = 'queued', progress = 0, started_at = NULL, updated_at = ? WHERE id = ? AND state = 'running'",
  )

  return {
    get: (id: string): EncodeJob | undefined => {
      const row = byId.get(id)
      return row ? toJob(row) : undefined
    },
    latest: (reelId: string): EncodeJob | null => {
      const row = latest.get(reelId)
      return row ? toJob(row) : null
    },
    active: (reelId: string): EncodeJob | null => {
      const row = active.get(reelId)
      return row ? toJob(row) : null
    },
    insert(reelId: string, options: EncodeOptions): EncodeJob {
      const id = randomUUID()
      const at = now()
      insert.run(id, reelId, JSON.stringify(options), at, at)
      return toJob(byId.get(id)!)
    },
    /** Atomically takes the oldest queued job, so two encoders (two browser tabs) never share one. */
    claimNext: db.transaction((): EncodeJob | null => {
      const row = oldestQueued.get()
      if (!row) return null
      const at = now()
      claim.run(at, at, row.id)
      return toJob(byId.get(row.id)!)
    }),
    setProgress(id: string, percent: number): boolean {
      return progress.run(percent, now(), id).changes > 0
    },
    /** Ends a queued or running job; false when it had already ended (e.g. cancelled meanwhile). */
    end(id: string, state: 'done' | 'failed' | 'cancelled', error: string | null = null): boolean {
      const at = now()
      return end.run(state, error, at, at, id).changes > 0
    },
    /** Jobs a crash or quit left running: they go back to the queue and start over. */
    requeueRunning(): EncodeJob[] {
      const rows = running.all()
      for (const row of rows) backToQueue.run(now(), row.id)
      return rows.map(toJob)
    },
    /** A running job whose encoder went away goes back to the queue; false if it was no longer running. */
    requeue(id: string): boolean {
      return backToQueue.run(now(), id).changes > 0
    },
  }
}

export type EncodeJobStore = ReturnType<typeof createEncodeJobStore>
