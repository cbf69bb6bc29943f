// The creator's liked state as the studio keeps it: what the server said, newest fact wins, so a
// read that started before a like was answered cannot undo it.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { configure, loadMigrations, migrate } from '../../../shared/node/sqlite-migrations'
import { defaultMigrationsDir } from '../db'
import { accountScope } from './live-doc-store'
import { createReelLikes } from './reel-likes'

const A = '01J0000000000000000000000A'
const B = '01J0000000000000000000000B'
const session = { serverUrl: 'http://server.test', username: 'maya', userId: 'u1', token: 't' }
const scope = accountScope(session)
let db: Database.Database

function openDb(): Database.Database {
  db = configure(new Database(':memory:'))
  migrate(db, loadMigrations(defaultMigrationsDir), 'studio')
  return db
}

afterEach(() => db?.close())

const answer = (liked: boolean) =>
  new Response(JSON.stringify({ id: A, viewer: { liked, following: false } }), {
    headers: { 'content-type': 'application/json' },
  })

describe('reel likes', () => {
  it('keeps the newest fact: an older answer never replaces a newer one', () => {
    const likes = createReelLikes({ db: openDb() })
    expect(likes.record(scope, A, true, new Date('2026-01-01T10:00:02Z'))).toBe(true)
    expect(likes.record(scope, A, false, new Date('2026-01-01T10:00:01Z'))).toBe(false)
    expect(likes.known(scope)).toEqual(new Map([[A, true]]))
    likes.record(scope, A, false, new Date('2026-01-01T10:00:03Z'))
    expect(likes.known(scope).get(A)).toBe(false)
    // Another account (or the same name on a reset server) knows nothing of it.
    expect(likes.known(accountScope({ ...session, userId: 'u2' })).size).toBe(0)
  })

  it('does not let a read that started before a like was answered undo it', async () => {
    let answerRead: (response: Response) => void = () => undefined
    const likes = createReelLikes({
      db: openDb(),
      fetch: () => new Promise<Response>((resolve) => (answerRead = resolve)),
    })
    const reading = likes.refresh(session, [A])
    // The like is answered while the read is on its way; the read then says "not liked".
    await new Promise((resolve) => setTimeout(resolve, 5))
    likes.sent(session, { kind: 'like', reelId: A, answeredAt: new Date() })
    answerRead(answer(false))
    await reading
    expect(likes.known(scope).get(A)).toBe(true)
  })

  it('reads each reel’s state, stops at the first network failure, and ignores other kinds', async () => {
    const asked: string[] = []
    const likes = createReelLikes({
      db: openDb(),
      fetch: async (input) => {
        const url = String(input)
        asked.push(url)
        if (url.endsWith(A)) return answer(true)
        throw new TypeError('fetch failed')
      },
    })
    await likes.refresh(session, [A])
    expect(likes.known(scope)).toEqual(new Map([[A, true]]))
    likes.sent(session, { kind: 'reply', reelId: null, answeredAt: new Date() })
    await likes.refresh(session, [B, B, B, B, B, B])
    expect(asked.filter((url) => url.endsWith(B)).length).toBeLessThanOrEqual(4)
    expect(likes.known(scope)).toEqual(new Map([[A, true]]))
  })
})
