// The creator's own like of each reel on the Dashboard, as the server last said it: read from
// `GET /api/reels/:id` (`viewer.liked`) when the Dashboard's link comes online, and from the
// answers to likes the outbox sent. Kept in SQLite (`liked_reels`), so the Dashboard shows it
// offline. Each fact carries when it was true; an older one never replaces a newer one, so a read
// that started before a like was answered cannot undo it.
import type Database from 'better-sqlite3'
import { z } from 'zod'
import type { Session } from '../account/account-service'
import { accountScope } from './live-doc-store'
import type { SentWrite } from './outbox'

/** Reads at once per refresh: enough to be quick, few enough not to crowd a creator's uplink. */
const READS_AT_ONCE = 4

const viewerAnswerSchema = z.object({ viewer: z.object({ liked: z.boolean() }) })

export interface ReelLikesOptions {
  db: Database.Database
  /** The HTTP client; tests may wrap the real one. */
  fetch?: typeof fetch
}

export function createReelLikes(options: ReelLikesOptions) {
  const { db } = options
  const send = options.fetch ?? fetch
  const selectAll = db.prepare<[string], { reel_id: string; liked: number }>(
    'SELECT reel_id, liked FROM liked_reels WHERE scope = ?',
  )
  const upsert = db.prepare<[string, string, number, string]>(
    `INSERT INTO liked_reels (scope, reel_id, liked, as_of) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, reel_id) DO UPDATE SET liked = excluded.liked, as_of = excluded.as_of
       WHERE excluded.as_of >= liked_reels.as_of`,
  )
  /** "<scope> <reel id>" of reads on their way, so a second refresh does not ask again. */
  const reading = new Set<string>()
  // Reads still on their way when the core shuts down must not touch the closed database.
  let closed = false

  /** Stores what the server said at `asOf`, unless something newer is known; true when stored. */
  function record(scope: string, reelId: string, liked: boolean, asOf: Date): boolean {
    if (closed) return false
    return upsert.run(scope, reelId, liked ? 1 : 0, asOf.toISOString()).changes > 0
  }

  /** One reel's state from the server; false when the server could not be asked (offline). */
  async function read(session: Session, reelId: string): Promise<boolean> {
    // The read reflects the server at some moment after it was sent: that is its time.
    const sentAt = new Date()
    let response: Response
    try {
      response = await send(new URL(`/api/reels/${encodeURIComponent(reelId)}`, session.serverUrl), {
        headers: { authorization: `Bearer ${session.token}` },
        signal: AbortSignal.timeout(15_000),
      })
    } catch {
      return false
    }
    if (!response.ok) {
      await response.body?.cancel()
      // A reel gone (404/410) has no like to show; anything else is a hiccup worth a later try.
      return response.status < 500
    }
    const parsed = viewerAnswerSchema.safeParse(await response.json().catch(() => null))
    if (parsed.success) record(accountScope(session), reelId, parsed.data.viewer.liked, sentAt)
    return true
  }

  return {
    /** The known states of this account's reels, by reel id (absent: never learned). */
    known(scope: string): Map<string, boolean> {
      return new Map(selectAll.all(scope).map((row) => [row.reel_id, row.liked === 1]))
    },
    record,
    /** The outbox's hook: an accepted like or unlike is the server's state as of its answer. */
    sent(session: Session, write: SentWrite): void {
      if (write.reelId === null || (write.kind !== 'like' && write.kind !== 'unlike')) return
      record(accountScope(session), write.reelId, write.kind === 'like', write.answeredAt)
    },
    /** Asks the server about these reels, a few at a time; stops early when it cannot be reached. */
    async refresh(session: Session, reelIds: readonly string[]): Promise<void> {
      const scope = accountScope(session)
      const queue = reelIds.filter((reelId) => !reading.has(`${scope} ${reelId}`))
      for (const reelId of queue) reading.add(`${scope} ${reelId}`)
      let reachable = true
      const worker = async () => {
        for (let reelId = queue.shift(); reelId !== undefined; reelId = queue.shift()) {
          if (reachable && !closed) reachable = await read(session, reelId)
          reading.delete(`${scope} ${reelId}`)
        }
      }
      await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, queue.length) }, worker))
    },
    close(): void {
      closed = true
    },
  }
}

export type ReelLikes = ReturnType<typeof createReelLikes>
