// What the server tells a viewer about themselves and what signed-out viewers may do, against the
// real server with really published reels: `viewer` on GET /api/reels/:id and
// GET /api/users/:username, follower counts, shares by signed-out viewers (once per session per
// reel per hour, capped per address) and "hide a creator" taking their reels out of the feed.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { makeReelPackage, randomReelId } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let server: TestServer
let alice: string // creator of aliceReel and rejectedReel
let bob: string
let carol: string // creator of carolReel
let aliceReel: string
let carolReel: string
let rejectedReel: string

async function publish(token: string, data: Buffer, reelId: string): Promise<string> {
  const outcome = await tusUpload(server.url, data, { token, metadata: { reelId, filename: 'reel.tar' } })
  expect(outcome).toMatchObject({ ok: true })
  return (await waitForReel(server.url, reelId, token)).body.status as string
}

beforeAll(async () => {
  const [started, short, random] = await Promise.all([
    // Low enough that the share test reaches it: 4 signed-out share requests per address an hour.
    startTestServer({ SPOOL_ANON_SHARE_LIMIT_PER_ADDRESS: '4' }),
    ensureMedia('portrait-1080x1920-audio-2s'),
    ensureMedia('random-bytes-mp4'),
  ])
  server = started
  const [alicePkg, carolPkg] = await Promise.all([
    makeReelPackage(short, { renditions: ['360p'], caption: 'By alice' }),
    makeReelPackage(short, { renditions: ['360p'], caption: 'By carol' }),
  ])
  alice = await register(server.url, 'alice')
  bob = await register(server.url, 'bob')
  carol = await register(server.url, 'carol')
  aliceReel = alicePkg.manifest.reelId
  carolReel = carolPkg.manifest.reelId
  rejectedReel = randomReelId()
  expect(await publish(alice, await readFile(alicePkg.tarPath), aliceReel)).toBe('published')
  expect(await publish(carol, await readFile(carolPkg.tarPath), carolReel)).toBe('published')
  expect(await publish(alice, await readFile(random), rejectedReel)).toBe('rejected')
})
afterAll(async () => {
  await server?.stop()
})

const reel = (reelId: string, token?: string, headers?: Record<string, string>) =>
  api(server.url, 'GET', `/api/reels/${reelId}`, { token, headers })
const profile = (username: string, token?: string) =>
  api(server.url, 'GET', `/api/users/${username}`, { token })
// A well-formed token no session has: what a browser sends after its session ended.
const staleToken = { authorization: `Bearer ${'x'.repeat(43)}` }

describe('GET /api/reels/:id viewer', () => {
  it('says whether the caller likes the reel and follows its creator, only to that caller', async () => {
    expect((await reel(aliceReel, bob)).body.viewer).toEqual({ liked: false, following: false })
    await api(server.url, 'PUT', `/api/reels/${aliceReel}/like`, { token: bob })
    await api(server.url, 'PUT', '/api/users/alice/follow', { token: bob })
    const seen = await reel(aliceReel, bob)
    expect(seen.body.viewer).toEqual({ liked: true, following: true })
    expect(seen.headers.get('cache-control')).toBe('private, no-store')
    // Another account, and nobody at all, see their own state or none.
    expect((await reel(aliceReel, carol)).body.viewer).toEqual({ liked: false, following: false })
    const anonymous = await reel(aliceReel)
    expect(anonymous.body).not.toHaveProperty('viewer')
    expect(anonymous.body.counts.likes).toBe(1)

    await api(server.url, 'DELETE', `/api/reels/${aliceReel}/like`, { token: bob })
    expect((await reel(aliceReel, bob)).body.viewer).toEqual({ liked: false, following: true })
  })

  it('reads an ended session as signed out on a published reel, and still refuses it on a private one', async () => {
    const published = await reel(aliceReel, undefined, staleToken)
    expect(published.status).toBe(200)
    expect(published.body).not.toHaveProperty('viewer')
    expect((await reel(rejectedReel, undefined, staleToken)).status).toBe(401)
    expect((await reel(rejectedReel, bob)).status).toBe(404)
    expect((await reel(rejectedReel, alice)).body.viewer).toEqual({ liked: false, following: false })
  })
})

describe('GET /api/users/:username', () => {
  it('counts followers, followed accounts and published reels, and tells the caller their relation', async () => {
    await api(server.url, 'PUT', '/api/users/alice/follow', { token: carol })
    await api(server.url, 'PUT', '/api/users/carol/follow', { token: alice })
    const anonymous = await profile('alice')
    expect(anonymous.body.user).toMatchObject({ username: 'alice', followers: 2, following: 1, reels: 1 })
    expect(anonymous.body).not.toHaveProperty('viewer')
    expect(anonymous.body.reels).toHaveLength(1)
    expect((await profile('alice', bob)).body.viewer).toEqual({ following: true, hidden: false })
    expect((await profile('bob', carol)).body).toMatchObject({
      user: { followers: 0, following: 1, reels: 0 },
      viewer: { following: false, hidden: false },
    })
    expect((await api(server.url, 'GET', '/api/users/alice', { headers: staleToken })).status).toBe(200)

    await api(server.url, 'DELETE', '/api/users/alice/follow', { token: carol })
    expect((await profile('alice', carol)).body).toMatchObject({
      user: { followers: 1 },
      viewer: { following: false },
    })
  })
})

describe('hide a creator', () => {
  const hide = (method: 'PUT' | 'DELETE', username: string, token?: string) =>
    api(server.url, method, `/api/users/${username}/hidden`, { token })
  const feedCreators = async (token: string) =>
    (
      (await api(server.url, 'GET', '/api/feed?limit=20', { token })).body.items as {
        creator: { username: string }
      }[]
    ).map((item) => item.creator.username)

  it('takes the creator out of that viewer’s feed until they are shown again', async () => {
    expect((await feedCreators(bob)).sort()).toEqual(['alice', 'carol'])
    expect((await hide('PUT', 'alice', bob)).body).toEqual({ hidden: true })
    expect((await hide('PUT', 'alice', bob)).body).toEqual({ hidden: true })
    expect(await feedCreators(bob)).toEqual(['carol'])
    expect((await profile('alice', bob)).body.viewer).toEqual({ following: true, hidden: true })
    // Only for bob: carol still gets alice's reel, and alice's page and reel still open for bob.
    expect((await feedCreators(carol)).sort()).toEqual(['alice', 'carol'])
    expect((await reel(aliceReel, bob)).status).toBe(200)

    expect((await hide('DELETE', 'alice', bob)).body).toEqual({ hidden: false })
    expect((await feedCreators(bob)).sort()).toEqual(['alice', 'carol'])
    expect((await profile('alice', bob)).body.viewer).toMatchObject({ hidden: false })
  })

  it('needs an account, someone else, and someone who exists', async () => {
    expect((await hide('PUT', 'alice')).status).toBe(401)
    const self = await hide('PUT', 'alice', alice)
    expect(self.status).toBe(400)
    expect(self.body.error.code).toBe('cannot_hide_self')
    expect((await hide('PUT', 'nobody', bob)).status).toBe(404)
  })
})

describe('shares by signed-out viewers', () => {
  const share = (reelId: string, body?: unknown, token?: string) =>
    api(server.url, 'POST', `/api/reels/${reelId}/shares`, { body, token })
  const session = (n: number) => `share-session-${String(n).padStart(8, '0')}`

  it('count once per session per reel per hour, and are capped per address', async () => {
    const missing = await share(carolReel)
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toMatch(/sessionId/)
    expect((await share(carolReel, { sessionId: 'short' })).status).toBe(400)

    expect((await share(carolReel, { sessionId: session(1) })).body).toEqual({ shares: 1, counted: true })
    expect((await share(carolReel, { sessionId: session(1) })).body).toEqual({ shares: 1, counted: false })
    expect((await share(carolReel, { sessionId: session(2) })).body).toEqual({ shares: 2, counted: true })
    expect((await share(aliceReel, { sessionId: session(1) })).body).toEqual({ shares: 1, counted: true })
    // Signed-in shares are not bound by the session rule or the signed-out cap.
    expect((await share(carolReel, undefined, bob)).body).toEqual({ shares: 3 })
    expect((await reel(carolReel)).body.counts.shares).toBe(3)

    // That was 4 signed-out share requests from this address: the 5th waits.
    const capped = await share(carolReel, { sessionId: session(3) })
    expect(capped.status).toBe(429)
    expect(capped.body.error.code).toBe('rate_limited')
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await share(carolReel, undefined, bob)).body).toEqual({ shares: 4 })
  })
})
