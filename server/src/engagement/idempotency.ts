// Idempotency-Key (API.md "Engagement"): the first answer to a (caller, key) is stored for a day,
// and the same write sent again gets that answer back instead of a second effect. The same key
// with another method, path or body is a client bug and answers 422 idempotency_key_reused.
// Lookup, effect and save run in one synchronous stretch (better-sqlite3), so two copies of one
// request cannot both miss the lookup in this process.
import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { ApiError } from '../http/api-error'

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/

export interface StoredAnswer {
  status: number
  body: unknown
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), path, body ?? null]))
    .digest('base64url')
}

/** The header's key, or undefined when none came; a malformed one is a 400. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new ApiError(
      400,
      'bad_request',
      'Idempotency-Key must be 1–200 visible ASCII characters, sent once.',
    )
  }
  return header
}

export function createIdempotencyStore(db: Database.Database, now: () => number = Date.now) {
  const find = db.prepare<[string, string, number], { fingerprint: string; status: number; body: string }>(
    'SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = ? AND key = ? AND expires_at > ?',
  )
  const save = db.prepare(
    `INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
        body = excluded.body, expires_at = excluded.expires_at`,
  )
  const purge = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?')

  return {
    /** The stored answer for this key, or undefined; throws 422 when the key was used for another request. */
    replay(scope: string, key: string, fingerprint: string): StoredAnswer | undefined {
      const row = find.get(scope, key, now())
      if (!row) return undefined
      if (row.fingerprint !== fingerprint) {
        throw new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request; use a new key.',
        )
      }
      return { status: row.status, body: JSON.parse(row.body) as unknown }
    },
    remember(scope: string, key: string, fingerprint: string, answer: StoredAnswer): void {
      save.run(
        scope,
        key,
        fingerprint,
        answer.status,
        JSON.stringify(answer.body),
        now() + IDEMPOTENCY_TTL_MS,
      )
    },
    purgeExpired(): void {
      purge.run(now())
    },
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
