// Engagement against the real server with really published reels (uploaded over tus): view
// counting, likes, comments, shares, reports, follows, Idempotency-Key replays, rate limits, and
// the counts GET /api/reels/:id shows.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReelCounts } from '../../shared/api/engagement'
import { ensureMedia } from '../support/media'
import { makeReelPackage, randomReelId } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let server: TestServer
let alice: string // creator of both reels
let bob: string
let carol: string
let longReel: string // 6 s
let shortReel: string // 2 s
let rejectedReel: string
let longTar: string

async function publish(token: string, tar: Buffer, reelId: string): Promise<string> {
  const outcome = await tusUpload(server.url, tar, { token, metadata: { reelId, filename: 'reel.tar' } })
  expect(outcome).toMatchObject({ ok: true })
  return (await waitForReel(server.url, reelId, token)).body.status as string
}

beforeAll(async () => {
  const [started, long, short, random] = await Promise.all([
    startTestServer(),
    ensureMedia('portrait-1080x1920-audio-6s'),
    ensureMedia('portrait-1080x1920-audio-2s'),
    ensureMedia('random-bytes-mp4'),
  ])
  server = started
  const [longPkg, shortPkg] = await Promise.all([
    makeReelPackage(long, { renditions: ['360p'], caption: 'Six seconds' }),
    makeReelPackage(short, { renditions: ['360p'], caption: 'Two seconds' }),
  ])
  alice = await register(server.url, 'alice')
  bob = await register(server.url, 'bob')
  carol = await register(server.url, 'carol')
  longReel = longPkg.manifest.reelId
  longTar = longPkg.tarPath
  shortReel = shortPkg.manifest.reelId
  rejectedReel = randomReelId()
  expect(await publish(alice, await readFile(longPkg.tarPath), longReel)).toBe('published')
  expect(await publish(alice, await readFile(shortPkg.tarPath), shortReel)).toBe('published')
  expect(await publish(alice, await readFile(random), rejectedReel)).toBe('rejected')
})
afterAll(async () => {
  await server?.stop()
})

const session = (n: number) => `anon-session-${String(n).padStart(8, '0')}`
const view = (reelId: string, body: Record<string, unknown>, token?: string) =>
  api(server.url, 'POST', `/api/reels/${reelId}/views`, { body, token })
const counts = async (reelId: string) =>
  (await api(server.url, 'GET', `/api/reels/${reelId}`)).body.counts as ReelCounts

describe('views', () => {
  it('count after 3 s, once per viewer per hour, per anonymous session or user', async () => {
    expect((await view(longReel, { watchedMs: 2_000, sessionId: session(1) })).body).toEqual({
      counted: false,
    })
    expect((await view(longReel, { watchedMs: 3_000, sessionId: session(1) })).body).toEqual({
      counted: true,
    })
    expect((await view(longReel, { watchedMs: 6_000, sessionId: session(1) })).body).toEqual({
      counted: false,
    })
    expect((await view(longReel, { watchedMs: 3_500, sessionId: session(2) })).body).toEqual({
      counted: true,
    })
    expect((await view(longReel, { watchedMs: 4_000 }, bob)).body).toEqual({ counted: true })
    expect((await view(longReel, { watchedMs: 4_000, sessionId: session(3) }, bob)).body).toEqual({
      counted: false,
    })
    expect((await counts(longReel)).views).toBe(3)
  })

  it('count half of a short reel', async () => {
    expect((await view(shortReel, { watchedMs: 900, sessionId: session(4) })).body).toEqual({
      counted: false,
    })
    expect((await view(shortReel, { watchedMs: 1_000, sessionId: session(4) })).body).toEqual({
      counted: true,
    })
    expect((await counts(shortReel)).views).toBe(1)
  })

  it('need a well-formed session id when signed out, and a whole number of milliseconds', async () => {
    expect((await view(longReel, { watchedMs: 4_000 })).status).toBe(400)
    expect((await view(longReel, { watchedMs: 4_000, sessionId: 'short' })).status).toBe(400)
    expect((await view(longReel, { watchedMs: 4_000, sessionId: 'bad chars <script>!!' })).status).toBe(400)
    expect((await view(longReel, { watchedMs: -1, sessionId: session(5) })).status).toBe(400)
    expect((await view(longReel, { watchedMs: '4000', sessionId: session(5) })).status).toBe(400)
  })
})

describe('likes', () => {
  it('are idempotent per user', async () => {
    const like = (method: string, token: string) =>
      api(server.url, method, `/api/reels/${longReel}/like`, { token })
    expect((await like('PUT', bob)).body).toEqual({ liked: true, likes: 1 })
    expect((await like('PUT', bob)).body).toEqual({ liked: true, likes: 1 })
    expect((await like('PUT', carol)).body).toEqual({ liked: true, likes: 2 })
    expect((await like('DELETE', carol)).body).toEqual({ liked: false, likes: 1 })
    expect((await like('DELETE', carol)).body).toEqual({ liked: false, likes: 1 })
    expect((await api(server.url, 'PUT', `/api/reels/${longReel}/like`)).status).toBe(401)
  })
})

describe('comments', () => {
  const post = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    api(server.url, 'POST', `/api/reels/${shortReel}/comments`, { token, body, headers })
  const list = (query = '') => api(server.url, 'GET', `/api/reels/${shortReel}/comments${query}`)

  it('are created, replied to one level deep, and listed newest first with a cursor', async () => {
    const first = await post(bob, { text: '  <b>nice</b> & "quoted"  ' })
    expect(first.status).toBe(201)
    // Markup is text: stored and returned as typed (trimmed), never interpreted.
    expect(first.body).toMatchObject({
      text: '<b>nice</b> & "quoted"',
      parentId: null,
      author: { username: 'bob' },
    })
    const reply = await post(carol, { text: 'a reply', parentId: first.body.id })
    expect(reply.status).toBe(201)
    expect(reply.body.parentId).toBe(first.body.id)
    const deeper = await post(bob, { text: 'reply to a reply', parentId: reply.body.id })
    expect(deeper.status).toBe(400)
    expect(deeper.body.error.code).toBe('reply_too_deep')
    expect((await post(bob, { text: 'x', parentId: 'no-such-comment' })).status).toBe(400)

    const second = await post(carol, { text: 'second' })
    const page1 = await list('?limit=1')
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id])
    const page2 = await list(`?limit=1&cursor=${page1.body.nextCursor}`)
    expect(page2.body.items).toMatchObject([{ id: first.body.id, replyCount: 1 }])
    expect(page2.body.nextCursor).toBeNull()
    const replies = await list(`?parentId=${first.body.id}`)
    expect(replies.body.items).toMatchObject([{ id: reply.body.id, text: 'a reply' }])
    expect((await list('?cursor=garbage')).status).toBe(400)
  })

  it('are 1–500 characters after trimming, counted in code points', async () => {
    expect((await post(bob, { text: '   ' })).status).toBe(400)
    expect((await post(bob, { text: 'x'.repeat(501) })).status).toBe(400)
    // 500 emoji are 1000 UTF-16 units but 500 characters.
    expect((await post(bob, { text: '😀'.repeat(500) })).status).toBe(201)
  })

  it('are deleted by their author or the reel creator, not by others; replies go with the parent', async () => {
    const mine = await post(bob, { text: 'delete me' })
    const other = await post(bob, { text: 'the creator deletes this' })
    const reply = await post(carol, { text: 'reply', parentId: other.body.id })
    const del = (id: string, token: string) => api(server.url, 'DELETE', `/api/comments/${id}`, { token })
    expect((await del(mine.body.id, carol)).status).toBe(403)
    expect((await del(mine.body.id, bob)).body).toEqual({ deleted: true })
    expect((await del(mine.body.id, bob)).status).toBe(404)
    expect((await del(other.body.id, alice)).status).toBe(200)
    expect((await del(reply.body.id, carol)).status).toBe(404)
    const ids = (await list('?limit=50')).body.items.map((c: { id: string }) => c.id)
    expect(ids).not.toContain(mine.body.id)
    expect(ids).not.toContain(other.body.id)
  })

  it('posted twice with one Idempotency-Key make one comment and the same answer', async () => {
    const before = (await counts(shortReel)).comments
    const headers = { 'idempotency-key': 'comment-once-1' }
    const a = await post(bob, { text: 'only once' }, headers)
    const b = await post(bob, { text: 'only once' }, headers)
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(b.body).toEqual(a.body)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect((await counts(shortReel)).comments).toBe(before + 1)
    // The same key with another body is a client bug.
    const reused = await post(bob, { text: 'something else' }, headers)
    expect(reused.status).toBe(422)
    expect(reused.body.error.code).toBe('idempotency_key_reused')
    // Keys belong to their user: carol's same key is hers.
    expect((await post(carol, { text: 'only once' }, headers)).status).toBe(201)
    expect((await counts(shortReel)).comments).toBe(before + 2)
  })
})

describe('shares, reports, not interested', () => {
  it('counts shares, once per Idempotency-Key', async () => {
    const share = (headers: Record<string, string> = {}) =>
      api(server.url, 'POST', `/api/reels/${longReel}/shares`, { token: carol, headers })
    expect((await share()).body).toEqual({ shares: 1 })
    expect((await share({ 'idempotency-key': 'share-1' })).body).toEqual({ shares: 2 })
    expect((await share({ 'idempotency-key': 'share-1' })).body).toEqual({ shares: 2 })
    expect((await share()).body).toEqual({ shares: 3 })
  })

  it('stores reports with a reason from the list', async () => {
    const report = (body: unknown) =>
      api(server.url, 'POST', `/api/reels/${longReel}/reports`, { token: bob, body })
    const made = await report({ reason: 'spam', note: 'buy followers' })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ reason: 'spam' })
    expect(made.body.id).toEqual(expect.any(String))
    expect((await report({ reason: 'because' })).status).toBe(400)
    expect((await report({ reason: 'other', note: 'x'.repeat(501) })).status).toBe(400)
  })

  it('marks a reel not interesting', async () => {
    const mark = () => api(server.url, 'POST', `/api/reels/${longReel}/not-interested`, { token: bob })
    expect((await mark()).body).toEqual({ notInterested: true })
    expect((await mark()).body).toEqual({ notInterested: true })
  })
})

describe('follows', () => {
  it('follow and unfollow idempotently; nobody follows themselves', async () => {
    const follow = (method: string, token: string, username: string) =>
      api(server.url, method, `/api/users/${username}/follow`, { token })
    expect((await follow('PUT', bob, 'alice')).body).toEqual({ following: true, followers: 1 })
    expect((await follow('PUT', bob, 'alice')).body).toEqual({ following: true, followers: 1 })
    expect((await follow('PUT', carol, 'ALICE')).body).toEqual({ following: true, followers: 2 })
    expect((await follow('DELETE', carol, 'alice')).body).toEqual({ following: false, followers: 1 })
    expect((await follow('DELETE', carol, 'alice')).body).toEqual({ following: false, followers: 1 })
    const self = await follow('PUT', alice, 'alice')
    expect(self.status).toBe(400)
    expect(self.body.error.code).toBe('cannot_follow_self')
    expect((await follow('PUT', bob, 'nobody')).status).toBe(404)
  })
})

describe('reels that do not take engagement', () => {
  it.each([
    ['a rejected reel', () => rejectedReel],
    ['an unknown reel', () => randomReelId()],
    ['a malformed id', () => 'not-a-reel'],
  ])('answer 404 for %s', async (_name, id) => {
    const reelId = id()
    const calls: [string, string, unknown][] = [
      ['POST', 'views', { watchedMs: 5_000, sessionId: session(9) }],
      ['PUT', 'like', undefined],
      ['GET', 'comments', undefined],
      ['POST', 'comments', { text: 'hi' }],
      ['POST', 'shares', undefined],
      ['POST', 'reports', { reason: 'spam' }],
      ['POST', 'not-interested', undefined],
    ]
    for (const [method, path, body] of calls) {
      const response = await api(server.url, method, `/api/reels/${reelId}/${path}`, { token: alice, body })
      expect(response.status, `${method} ${path}`).toBe(404)
    }
  })
})

describe('GET /api/reels/:id', () => {
  it('shows the real counts', async () => {
    const [long, short] = await Promise.all([counts(longReel), counts(shortReel)])
    expect(long).toEqual({ views: 3, likes: 1, comments: 0, shares: 3 })
    const listed = await api(server.url, 'GET', `/api/reels/${shortReel}/comments?limit=50`)
    const replies = listed.body.items.reduce((n: number, c: { replyCount: number }) => n + c.replyCount, 0)
    expect(short).toEqual({ views: 1, likes: 0, comments: listed.body.items.length + replies, shares: 0 })
  })
})

describe('rate limits', () => {
  let limited: TestServer
  beforeAll(async () => {
    limited = await startTestServer({ SPOOL_WRITE_LIMIT_PER_USER: '3', SPOOL_WRITE_LIMIT_PER_ADDRESS: '5' })
  })
  afterAll(async () => {
    await limited?.stop()
  })

  it('answer 429 rate_limited with Retry-After, per user and per address', async () => {
    const dan = await register(limited.url, 'dan')
    await register(limited.url, 'erin')
    const follow = () => api(limited.url, 'PUT', '/api/users/erin/follow', { token: dan })
    for (let i = 0; i < 3; i++) expect((await follow()).status).toBe(200)
    const refused = await follow()
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('rate_limited')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // Anonymous writes are limited per address: 4 hits so far, one more fits, then none.
    const anonymous = () =>
      api(limited.url, 'POST', `/api/reels/${randomReelId()}/views`, {
        body: { watchedMs: 1, sessionId: session(1) },
      })
    expect((await anonymous()).status).toBe(404)
    expect((await anonymous()).status).toBe(429)
  })
})

describe('batched view writes', () => {
  it('count many concurrent views of one viewer once', async () => {
    const before = (await counts(longReel)).views
    const signedIn = await Promise.all(
      Array.from({ length: 25 }, () => view(longReel, { watchedMs: 4_000 }, carol)),
    )
    const anonymous = await Promise.all(
      Array.from({ length: 25 }, () => view(longReel, { watchedMs: 4_000, sessionId: session(6) })),
    )
    for (const answers of [signedIn, anonymous]) {
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
      expect(answers.filter((a) => a.body.counted === true)).toHaveLength(1)
    }
    expect((await counts(longReel)).views).toBe(before + 2)
    // Written now: the same viewers still count once in the hour.
    expect((await view(longReel, { watchedMs: 4_000 }, carol)).body).toEqual({ counted: false })
  })

  it('lose no view on a graceful shutdown', async () => {
    // Views wait ten minutes to be written, so only the shutdown writes them.
    const dir = mkdtempSync(join(tmpdir(), 'spool-views-'))
    const other = await startTestServer({ SPOOL_VIEW_FLUSH_MS: '600000' }, dir)
    try {
      const owner = await register(other.url, 'owner')
      const outcome = await tusUpload(other.url, await readFile(longTar), {
        token: owner,
        metadata: { reelId: longReel, filename: 'reel.tar' },
      })
      expect(outcome).toMatchObject({ ok: true })
      expect((await waitForReel(other.url, longReel, owner)).body.status).toBe('published')
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          api(other.url, 'POST', `/api/reels/${longReel}/views`, {
            body: { watchedMs: i % 2 === 0 ? 4_000 : 1_000, sessionId: session(100 + i) },
          }),
        ),
      )
      expect(answers.filter((a) => a.body.counted === true)).toHaveLength(20)
      const stored = () => {
        const db = new Database(join(dir, 'spool.db'), { readonly: true })
        try {
          return db
            .prepare('SELECT COUNT(*) AS watches, COALESCE(SUM(counted), 0) AS views FROM view_events')
            .get()
        } finally {
          db.close()
        }
      }
      // Still waiting in the server: this is what the shutdown must not drop.
      expect(stored()).toEqual({ watches: 0, views: 0 })
      expect(await other.process.stop('SIGTERM')).toBe(0)
      expect(stored()).toEqual({ watches: 40, views: 20 })
    } finally {
      await other.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
