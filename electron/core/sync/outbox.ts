// The outbox: the creator's engagement writes from the studio (reply to a comment, delete one, like
// or unlike a reel), stored in SQLite with an Idempotency-Key made when the person acted, then sent
// in order — now if the server answers, else on reconnect or after a doubling backoff. The key
// makes a replay harmless: a write that reached the server but whose answer was lost is counted
// once. A like or unlike replaces one of the same reel still waiting, so only the last choice goes.
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { OutboxItem } from '../../../shared/rpc/contract'
import type { Session } from '../account/account-service'

interface OutboxRow {
  id: number
  server_url: string
  username: string
  idempotency_key: string
  kind: OutboxItem['kind']
  method: string
  path: string
  body: string | null
  summary: string
  state: OutboxItem['state']
  attempts: number
  last_error: string | null
  created_at: string
  reel_id: string | null
}

/** The two kinds that set the creator's like of a reel; the later one of a reel wins. */
const LIKE_KINDS = ['like', 'unlike'] as const
type LikeKind = (typeof LIKE_KINDS)[number]
const isLikeKind = (kind: string): kind is LikeKind => (LIKE_KINDS as readonly string[]).includes(kind)

const COMMENT_PATH = '/api/comments/'
/** Where a comment is deleted; the one place that spells it, so a waiting delete can be read back. */
export const commentPath = (commentId: string) => `${COMMENT_PATH}${encodeURIComponent(commentId)}`

export interface OutboxWrite {
  kind: OutboxItem['kind']
  method: 'POST' | 'PUT' | 'DELETE'
  path: string
  body?: unknown
  summary: string
  /** The reel a like or unlike is about (required for those kinds). */
  reelId?: string
}

/** A write the server accepted, told to whoever keeps state that follows from it (the liked state). */
export interface SentWrite {
  kind: OutboxItem['kind']
  reelId: string | null
  /** When the answer arrived: the server's state was this at that moment. */
  answeredAt: Date
}

export interface OutboxOptions {
  db: Database.Database
  session: () => Promise<Session | null>
  /** Called after any item changed (the Dashboard lists what waits). */
  onChange: () => void
  /** Called when the server accepted a write. */
  onSent?: (session: Session, write: SentWrite) => void
  /** First retry delay after a failed attempt; doubles up to a minute. */
  retryBaseMs?: number
  /** The HTTP client; tests wrap the real fetch to lose an answer on its way back. */
  fetch?: typeof fetch
  log?: { warn(obj: unknown, msg?: string): void }
}

const OFFLINE = 'Waiting for the server: it will be sent when the studio is back online.'
const SIGN_IN_AGAIN = 'Sign in again: the server no longer accepts this session.'
const MAX_RETRY_MS = 60_000

const toItem = (row: OutboxRow): OutboxItem => ({
  id: row.id,
  kind: row.kind,
  summary: row.summary,
  state: row.state,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at,
})

/** What an answer means for the item: done, never (a refusal), or try again later. */
type Verdict = { kind: 'sent' } | { kind: 'failed'; message: string } | { kind: 'retry'; message: string }

async function verdictOf(row: OutboxRow, response: Response): Promise<Verdict> {
  if (response.ok) {
    await response.body?.cancel()
    return { kind: 'sent' }
  }
  let message = `The server answered ${response.status}.`
  try {
    const body = (await response.json()) as { error?: { message?: string } }
    if (body.error?.message) message = body.error.message
  } catch {
    // not JSON: keep the status
  }
  // Deleting what is already gone has the effect the person wanted.
  if (row.kind === 'delete-comment' && response.status === 404) return { kind: 'sent' }
  if (response.status === 401) return { kind: 'retry', message: SIGN_IN_AGAIN }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { kind: 'retry', message }
  }
  return { kind: 'failed', message }
}

export function createOutbox(options: OutboxOptions) {
  const { db, onChange, log = console } = options
  const send = options.fetch ?? fetch
  const retryBaseMs = options.retryBaseMs ?? 2000
  const insert = db.prepare<
    [string, string, string, string, string, string, string | null, string, string, string | null]
  >(
    `INSERT INTO outbox (server_url, username, idempotency_key, kind, method, path, body, summary, created_at,
       reel_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const supersede = db.prepare<[string, string, string]>(
    `DELETE FROM outbox WHERE server_url = ? AND username = ? AND reel_id = ? AND state = 'pending'
       AND kind IN ('like', 'unlike')`,
  )
  const waitingLikes = db.prepare<[string, string], { reel_id: string; kind: LikeKind }>(
    `SELECT reel_id, kind FROM outbox WHERE server_url = ? AND username = ? AND state = 'pending'
       AND kind IN ('like', 'unlike') ORDER BY id`,
  )
  const waitingDeletes = db.prepare<[string, string], { path: string }>(
    `SELECT path FROM outbox WHERE server_url = ? AND username = ? AND state = 'pending'
       AND kind = 'delete-comment'`,
  )
  const byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?')
  const waiting = db.prepare<[string, string], OutboxRow>(
    `SELECT * FROM outbox WHERE server_url = ? AND username = ? AND state = 'pending' ORDER BY id`,
  )
  const unsent = db.prepare<[string, string], OutboxRow>(
    `SELECT * FROM outbox WHERE server_url = ? AND username = ? AND state != 'sent' ORDER BY id`,
  )
  const settle = db.prepare<[string, string | null, string | null, number]>(
    'UPDATE outbox SET state = ?, last_error = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ?',
  )
  const note = db.prepare<[string, number]>(
    'UPDATE outbox SET last_error = ?, attempts = attempts + 1 WHERE id = ?',
  )

  const removeFailed = db.prepare<[number]>(`DELETE FROM outbox WHERE id = ? AND state = 'failed'`)

  let flushing: Promise<void> | null = null
  let again = false
  let retryTimer: NodeJS.Timeout | null = null
  let retryDelay = retryBaseMs
  let closed = false

  /**
   * Inserts the write; a like/unlike first drops one of the same reel still waiting. One still on
   * its way is not stopped: the new one is sent after it, so the server ends in the last choice.
   */
  const store = db.transaction((session: Pick<Session, 'serverUrl' | 'username'>, write: OutboxWrite) => {
    const reelId = isLikeKind(write.kind) ? write.reelId : undefined
    if (isLikeKind(write.kind)) {
      if (!reelId) throw new Error(`A ${write.kind} must name its reel`)
      supersede.run(session.serverUrl, session.username, reelId)
    }
    const { lastInsertRowid } = insert.run(
      session.serverUrl,
      session.username,
      randomUUID(),
      write.kind,
      write.method,
      write.path,
      write.body === undefined ? null : JSON.stringify(write.body),
      write.summary,
      new Date().toISOString(),
      reelId ?? null,
    )
    return byId.get(Number(lastInsertRowid))!
  })

  function scheduleRetry(): void {
    if (closed || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      void flush()
    }, retryDelay)
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS)
  }

  /** Sends one row; false when the rest must wait (offline, signed out, server trouble). */
  async function sendRow(session: Session, row: OutboxRow): Promise<boolean> {
    // Replaced (a later like/unlike of the same reel) or dismissed since this pass read the list.
    if (byId.get(row.id)?.state !== 'pending') return true
    let verdict: Verdict
    try {
      const response = await send(new URL(row.path, session.serverUrl), {
        method: row.method,
        headers: {
          authorization: `Bearer ${session.token}`,
          'idempotency-key': row.idempotency_key,
          ...(row.body === null ? {} : { 'content-type': 'application/json' }),
        },
        body: row.body ?? undefined,
        signal: AbortSignal.timeout(15_000),
      })
      verdict = await verdictOf(row, response)
    } catch {
      verdict = { kind: 'retry', message: OFFLINE }
    }
    if (closed) return false
    if (verdict.kind === 'retry') {
      note.run(verdict.message, row.id)
      onChange()
      return false
    }
    if (verdict.kind === 'failed') log.warn({ id: row.id, message: verdict.message }, 'outbox write refused')
    settle.run(
      verdict.kind,
      verdict.kind === 'failed' ? verdict.message : null,
      verdict.kind === 'sent' ? new Date().toISOString() : null,
      row.id,
    )
    if (verdict.kind === 'sent') {
      options.onSent?.(session, { kind: row.kind, reelId: row.reel_id, answeredAt: new Date() })
    }
    onChange()
    return true
  }

  async function drain(): Promise<void> {
    const session = await options.session()
    if (!session || closed) return
    for (const row of waiting.all(session.serverUrl, session.username)) {
      if (!(await sendRow(session, row))) {
        scheduleRetry()
        return
      }
    }
    retryDelay = retryBaseMs
  }

  /** Sends what waits, in order; a call during a flush runs another pass after it. */
  function flush(): Promise<void> {
    if (flushing) {
      again = true
      return flushing
    }
    flushing = (async () => {
      do {
        again = false
        await drain()
      } while (again && !closed)
    })().finally(() => {
      flushing = null
    })
    return flushing
  }

  return {
    /** Stores the write with a fresh Idempotency-Key, then tries to send it (without waiting). */
    enqueue(session: Pick<Session, 'serverUrl' | 'username'>, write: OutboxWrite): OutboxItem {
      const row = store(session, write)
      onChange()
      // A new write is worth an attempt now, whatever the backoff said.
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
      retryDelay = retryBaseMs
      void flush()
      return toItem(row)
    },
    /** Pending and failed writes of this account, oldest first. */
    list(serverUrl: string, username: string): OutboxItem[] {
      return unsent.all(serverUrl, username).map(toItem)
    },
    /** Likes and unlikes still waiting to be sent, by reel: what the person chose last. */
    waitingLikes(serverUrl: string, username: string): Map<string, boolean> {
      const waiting = new Map<string, boolean>()
      for (const row of waitingLikes.all(serverUrl, username)) waiting.set(row.reel_id, row.kind === 'like')
      return waiting
    },
    /** Comments whose deletion is still waiting to be sent. */
    waitingCommentDeletes(serverUrl: string, username: string): Set<string> {
      const ids = new Set<string>()
      for (const { path } of waitingDeletes.all(serverUrl, username)) {
        if (path.startsWith(COMMENT_PATH)) ids.add(decodeURIComponent(path.slice(COMMENT_PATH.length)))
      }
      return ids
    },
    get(id: number): OutboxItem | null {
      const row = byId.get(id)
      return row ? toItem(row) : null
    },
    /** Forgets a refused write; a pending one stays (it may still be sent). */
    dismiss(id: number): boolean {
      const dismissed = removeFailed.run(id).changes > 0
      if (dismissed) onChange()
      return dismissed
    },
    flush,
    close(): void {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      retryTimer = null
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
