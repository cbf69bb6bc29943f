// Session tokens: 256 random bits handed to the client once; the database keeps only their
// SHA-256. Revoking is deleting the row, so logout and a password change take effect at once.
import { createHash, randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'

export type SessionKind = 'bearer' | 'cookie'

export interface Session {
  userId: string
  kind: SessionKind
  tokenHash: string
  csrfToken: string | null
  expiresAt: number
}

const LIFETIME_MS: Record<SessionKind, number> = {
  bearer: 90 * 24 * 3600_000, // the studio stays signed in across a creator's quarter
  cookie: 30 * 24 * 3600_000,
}
/** last_used_at is refreshed at most this often, so reads do not turn into a write per request. */
const TOUCH_EVERY_MS = 5 * 60_000

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function createSessionStore(db: Database.Database, now: () => number = Date.now) {
  const insert = db.prepare(
    'INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const find = db.prepare<
    [string],
    {
      user_id: string
      kind: SessionKind
      csrf_token: string | null
      last_used_at: number
      expires_at: number
    }
  >('SELECT user_id, kind, csrf_token, last_used_at, expires_at FROM sessions WHERE token_hash = ?')
  const touch = db.prepare('UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE token_hash = ?')
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?')
  const removeForUser = db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?')
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')

  return {
    create(userId: string, kind: SessionKind): { token: string; session: Session } {
      const token = randomBytes(32).toString('base64url')
      const csrfToken = kind === 'cookie' ? randomBytes(24).toString('base64url') : null
      const at = now()
      const session = {
        userId,
        kind,
        tokenHash: hashToken(token),
        csrfToken,
        expiresAt: at + LIFETIME_MS[kind],
      }
      insert.run(session.tokenHash, userId, kind, csrfToken, at, at, session.expiresAt)
      return { token, session }
    },
    /** The live session for a token, sliding its expiry forward; undefined if unknown or expired. */
    resolve(token: string): Session | undefined {
      const tokenHash = hashToken(token)
      const row = find.get(tokenHash)
      const at = now()
      if (!row) return undefined
      if (row.expires_at <= at) {
        remove.run(tokenHash)
        return undefined
      }
      let expiresAt = row.expires_at
      if (at - row.last_used_at > TOUCH_EVERY_MS) {
        expiresAt = at + LIFETIME_MS[row.kind]
        touch.run(at, expiresAt, tokenHash)
      }
      return { userId: row.user_id, kind: row.kind, tokenHash, csrfToken: row.csrf_token, expiresAt }
    },
    revoke(tokenHash: string): void {
      remove.run(tokenHash)
    },
    /** Signs the user out everywhere except the session given (after a password change). */
    revokeOthers(userId: string, keepTokenHash: string): void {
      removeForUser.run(userId, keepTokenHash)
    },
    purgeExpired(): number {
      return removeExpired.run(now()).changes
    },
  }
}

export type SessionStore = ReturnType<typeof createSessionStore>
