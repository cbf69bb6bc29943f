import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import {
  createIdempotencyStore,
  IDEMPOTENCY_TTL_MS,
  idempotencyKeyOf,
  requestFingerprint,
} from './idempotency'

function storeAt(start: number) {
  const db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'server')
  const clock = { now: start }
  return { clock, store: createIdempotencyStore(db, () => clock.now) }
}

describe('idempotency store', () => {
  const fingerprint = requestFingerprint('POST', '/api/reels/x/comments', { text: 'hi' })

  it('gives the first answer back for the same request, per scope', () => {
    const { store } = storeAt(1_000)
    expect(store.replay('user:a', 'k1', fingerprint)).toBeUndefined()
    store.remember('user:a', 'k1', fingerprint, { status: 201, body: { id: 'c1' } })
    expect(store.replay('user:a', 'k1', fingerprint)).toEqual({ status: 201, body: { id: 'c1' } })
    expect(store.replay('user:b', 'k1', fingerprint)).toBeUndefined()
  })

  it('refuses the same key for another request with 422', () => {
    const { store } = storeAt(1_000)
    store.remember('user:a', 'k1', fingerprint, { status: 201, body: {} })
    const other = requestFingerprint('POST', '/api/reels/x/comments', { text: 'ho' })
    expect(() => store.replay('user:a', 'k1', other)).toThrow(
      expect.objectContaining({ statusCode: 422, code: 'idempotency_key_reused' }),
    )
  })

  it('forgets answers after a day', () => {
    const { clock, store } = storeAt(1_000)
    store.remember('user:a', 'k1', fingerprint, { status: 200, body: {} })
    clock.now += IDEMPOTENCY_TTL_MS
    expect(store.replay('user:a', 'k1', fingerprint)).toBeUndefined()
    store.purgeExpired()
    store.remember('user:a', 'k1', fingerprint, { status: 200, body: { again: true } })
    expect(store.replay('user:a', 'k1', fingerprint)?.body).toEqual({ again: true })
  })

  it('accepts visible ASCII keys only', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined()
    expect(() => idempotencyKeyOf('3f2a-…')).toThrow(expect.objectContaining({ statusCode: 400 }))
    expect(() => idempotencyKeyOf('has space')).toThrow(expect.objectContaining({ statusCode: 400 }))
    expect(() => idempotencyKeyOf('x'.repeat(201))).toThrow(expect.objectContaining({ statusCode: 400 }))
    expect(idempotencyKeyOf('0b9e6c7e-2f7d-4c1e-9a4b-1d2c3e4f5a6b')).toBe(
      '0b9e6c7e-2f7d-4c1e-9a4b-1d2c3e4f5a6b',
    )
  })
})
