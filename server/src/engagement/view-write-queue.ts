// Batched view writes: players report a watch for nearly every reel scrolled past, so the rows
// wait here and go to view_events in one transaction per `maxDelayMs` (or per `maxRows`), instead
// of one commit each. Whether a watch counts is still decided when it arrives (view-rule.ts), from
// the database plus the counted views still waiting here, so the once-per-hour rule stays exact.
// Waiting rows are lost only if the process dies without its graceful shutdown, which flushes.
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
  const insertAll = db.transaction((views: QueuedView[]) => views.forEach(insertOne))

  let waiting: QueuedView[] = []
  /** reel id + viewer key → when a waiting view of theirs counted. */
  const countedWaiting = new Map<string, number>()
  let afterWrite: Array<() => void> = []
  let timer: NodeJS.Timeout | undefined
  const keyOf = (reelId: string, viewerKey: string) => `${reelId} ${viewerKey}`

  function store(views: QueuedView[]): void {
    try {
      insertAll(views)
    } catch {
      // One bad row (a reel deleted since its view arrived) must not take the others with it.
      for (const view of views) {
        try {
          insertOne(view)
        } catch (error) {
          options.onError(error)
        }
      }
    }
  }

  function flush(): void {
    clearTimeout(timer)
    timer = undefined
    const views = waiting
    const callbacks = afterWrite
    waiting = []
    afterWrite = []
    countedWaiting.clear()
    if (views.length > 0) store(views)
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
      if (view.counted) countedWaiting.set(keyOf(view.reelId, view.viewerKey), view.at)
      if (waiting.length >= options.maxRows || options.maxDelayMs === 0) flush()
      else timer ??= setTimeout(flush, options.maxDelayMs)
    },
    /** When a view of this viewer on this reel that counted is waiting here, its time. */
    countedWaitingAt(reelId: string, viewerKey: string): number | undefined {
      return countedWaiting.get(keyOf(reelId, viewerKey))
    },
    /** Runs `callback` once the views waiting now are in the database (at once when none are). */
    afterWrite(callback: () => void): void {
      if (waiting.length === 0) callback()
      else afterWrite.push(callback)
    },
    /** Writes every waiting view now: before a read that must see them, and at shutdown. */
    flush,
    get waiting(): number {
      return waiting.length
    },
  }
}

export type ViewWriteQueue = ReturnType<typeof createViewWriteQueue>
