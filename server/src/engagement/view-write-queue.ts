// Batched view writes: players report a watch for nearly every reel scrolled past, so the rows
// wait here and go to view_events in one transaction per `maxDelayMs` (or per `maxRows`), instead
// of one commit each. Whether a watch counts is still decided when it arrives (view-rule.ts), from
// the database plus the counted views still waiting here, so the once-per-hour rule stays exact.
// Waiting rows are lost only if the process dies without its graceful shutdown, which flushes.
// A later report of the same watch (view-rule.ts continuesWatch) raises the watch's row — in
// memory while it waits, by an UPDATE in the next batch once stored — so a watch is one row.
import type Database from 'better-sqlite3'

export interface QueuedView {
  reelId: string
  viewerKey: string
  userId: string | null
  watchedMs: number
  completed: boolean
  counted: boolean
  at: number
}

/** The viewer's latest report on a reel, waiting here or stored, that a later one may extend. */
export interface LatestReport {
  watchedMs: number
  /** When it was reported (or last extended). */
  reportedAt: number
  /** The waiting view itself, or the stored row's id. */
  target: QueuedView | number
}

interface StoredExtension {
  id: number
  watchedMs: number
  completed: boolean
  at: number
}

export interface ViewWriteQueueOptions {
  /** How long the first waiting view may wait; 0 writes each view at once. */
  maxDelayMs: number
  maxRows: number
  /** A view that could not be stored (its reel was deleted meanwhile), or a failing callback. */
  onError: (error: unknown) => void
}

export function createViewWriteQueue(db: Database.Database, options: ViewWriteQueueOptions) {
  const insert = db.prepare(
    `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertOne = (v: QueuedView) =>
    insert.run(v.reelId, v.viewerKey, v.userId, v.watchedMs, v.completed ? 1 : 0, v.counted ? 1 : 0, v.at)
  // Rows are only ever raised: a late batch cannot shorten a watch another batch extended.
  const update = db.prepare(
    `UPDATE view_events SET watched_ms = MAX(watched_ms, ?), completed = MAX(completed, ?), extended_at = ?
      WHERE id = ?`,
  )
  const updateOne = (e: StoredExtension) => update.run(e.watchedMs, e.completed ? 1 : 0, e.at, e.id)
  const writeAll = db.transaction((views: QueuedView[], extensions: StoredExtension[]) => {
    views.forEach(insertOne)
    extensions.forEach(updateOne)
  })
  const latestStored = db.prepare<[string, string], { id: number; watchedMs: number; reportedAt: number }>(
    `SELECT id, watched_ms AS watchedMs, COALESCE(extended_at, created_at) AS reportedAt
       FROM view_events WHERE reel_id = ? AND viewer_key = ? ORDER BY id DESC LIMIT 1`,
  )

  let waiting: QueuedView[] = []
  let extensions: StoredExtension[] = []
  /** reel id + viewer key → when a waiting view of theirs counted. */
  const countedWaiting = new Map<string, number>()
  /** reel id + viewer key → their latest waiting view, and when it was last reported. */
  const latestWaiting = new Map<string, { view: QueuedView; reportedAt: number }>()
  let afterWrite: Array<() => void> = []
  let timer: NodeJS.Timeout | undefined
  const keyOf = (reelId: string, viewerKey: string) => `${reelId} ${viewerKey}`

  function store(views: QueuedView[], raised: StoredExtension[]): void {
    try {
      writeAll(views, raised)
    } catch {
      // One bad row (a reel deleted since its view arrived) must not take the others with it.
      const each = <T>(rows: T[], write: (row: T) => unknown) => {
        for (const row of rows) {
          try {
            write(row)
          } catch (error) {
            options.onError(error)
          }
        }
      }
      each(views, insertOne)
      each(raised, updateOne)
    }
  }

  function schedule(): void {
    if (waiting.length + extensions.length >= options.maxRows || options.maxDelayMs === 0) flush()
    else timer ??= setTimeout(flush, options.maxDelayMs)
  }

  function flush(): void {
    clearTimeout(timer)
    timer = undefined
    const views = waiting
    const raised = extensions
    const callbacks = afterWrite
    waiting = []
    extensions = []
    afterWrite = []
    countedWaiting.clear()
    latestWaiting.clear()
    if (views.length > 0 || raised.length > 0) store(views, raised)
    for (const callback of callbacks) {
      try {
        callback()
      } catch (error) {
        options.onError(error)
      }
    }
  }

  return {
    add(view: QueuedView): void {
      waiting.push(view)
      const key = keyOf(view.reelId, view.viewerKey)
      if (view.counted) countedWaiting.set(key, view.at)
      latestWaiting.set(key, { view, reportedAt: view.at })
      schedule()
    },
    /** The viewer's latest report on this reel: the newest waiting here, else the newest stored. */
    latestReport(reelId: string, viewerKey: string): LatestReport | undefined {
      const key = keyOf(reelId, viewerKey)
      const pending = latestWaiting.get(key)
      if (pending) {
        const { view, reportedAt } = pending
        return { watchedMs: view.watchedMs, reportedAt, target: view }
      }
      const row = latestStored.get(reelId, viewerKey)
      if (!row) return undefined
      const raised = extensions.findLast((e) => e.id === row.id)
      return {
        watchedMs: Math.max(row.watchedMs, raised?.watchedMs ?? 0),
        reportedAt: raised?.at ?? row.reportedAt,
        target: row.id,
      }
    },
    /** Raises a report's watch time and completion (a later report of the same watch). */
    extend(report: LatestReport, watchedMs: number, completed: boolean, at: number): void {
      if (typeof report.target === 'number') {
        extensions.push({ id: report.target, watchedMs, completed, at })
        schedule()
        return
      }
      const view = report.target
      view.watchedMs = Math.max(view.watchedMs, watchedMs)
      view.completed ||= completed
      latestWaiting.set(keyOf(view.reelId, view.viewerKey), { view, reportedAt: at })
    },
    /** When a view of this viewer on this reel that counted is waiting here, its time. */
    countedWaitingAt(reelId: string, viewerKey: string): number | undefined {
      return countedWaiting.get(keyOf(reelId, viewerKey))
    },
    /** Runs `callback` once the views waiting now are in the database (at once when none are). */
    afterWrite(callback: () => void): void {
      if (waiting.length + extensions.length === 0) callback()
      else afterWrite.push(callback)
    },
    /** Writes every waiting view now: before a read that must see them, and at shutdown. */
    flush,
  }
}

export type ViewWriteQueue = ReturnType<typeof createViewWriteQueue>
