// Live sync against the real server with real y-websocket clients (API.md "Live sync"): engagement
// written over REST shows up in reel:<id> and creator:<username>, access is decided before the
// handshake, clients cannot write the server's documents, drafts sync between one creator's
// machines, documents survive restarts, are compacted and leave memory when idle, a client that
// stops reading is closed instead of queued for, and a removed reel's viewers are let go.
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import type { Socket } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type * as Y from 'yjs'
import {
  LIVE_CLOSE,
  creatorDocName,
  draftDocName,
  liveCommentSchema,
  liveNotificationSchema,
  liveReelStatsSchema,
  reelDocName,
  type LiveComment,
  type LiveNotification,
} from '../../shared/api/live-docs'
import { serverNodeFlags } from '../../server/node-flags'
import { openLiveDoc, upgradeAnswer, waitFor, type LiveClient } from '../support/live-sync'
import { ensureMedia } from '../support/media'
import { publishTestReel } from '../support/published-reel'
import { makeReelPackage, randomReelId } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

const UNLOAD_MS = 400
const MAX_BACKLOG = 1_000_000
const serverEnv = {
  SPOOL_TEST_ROUTES: '1',
  SPOOL_SYNC_UNLOAD_MS: String(UNLOAD_MS),
  SPOOL_SYNC_COMPACT_AFTER: '5',
  SPOOL_SYNC_MAX_DRAFT_BYTES: '200000',
  SPOOL_SYNC_MAX_BACKLOG_BYTES: String(MAX_BACKLOG),
}
const nodeArgs = [...serverNodeFlags, '--expose-gc']

let server: TestServer
let alice: string // creator of the reel
let bob: string
let reelId: string
let rejectedReelId: string
const clients: LiveClient[] = []

function open(name: string, token?: string, doc?: Y.Doc): LiveClient {
  const client = openLiveDoc(server.url, name, { token, doc })
  clients.push(client)
  return client
}

async function stats() {
  // A retry: undici may reuse a kept-alive socket the server is just closing after 5 s idle.
  const get = () => api(server.url, 'GET', '/api/test/sync-stats?gc=1')
  const response = await get().catch(get)
  return response.body as {
    loadedDocs: number
    connections: number
    loads: number
    bufferedBytesMost: number
    bufferedBytesTotal: number
    fellBehind: number
    memory: NodeJS.MemoryUsage
  }
}

const counts = (client: LiveClient) => client.doc.getMap('counts').toJSON()
const comments = (client: LiveClient) => client.doc.getArray<LiveComment>('comments').toArray()
const notifications = (client: LiveClient) => client.doc.getArray<LiveNotification>('notifications').toArray()

beforeAll(async () => {
  const [started, short, random] = await Promise.all([
    startTestServer(serverEnv, undefined, nodeArgs),
    ensureMedia('portrait-1080x1920-audio-2s'),
    ensureMedia('random-bytes-mp4'),
  ])
  server = started
  const pkg = await makeReelPackage(short, { renditions: ['360p'], caption: 'Live #sync' })
  alice = await register(server.url, 'alice')
  bob = await register(server.url, 'bob')
  reelId = pkg.manifest.reelId
  rejectedReelId = randomReelId()
  for (const [data, id] of [
    [await readFile(pkg.tarPath), reelId],
    [await readFile(random), rejectedReelId],
  ] as const) {
    expect(
      await tusUpload(server.url, data, { token: alice, metadata: { reelId: id, filename: 'r.tar' } }),
    ).toMatchObject({
      ok: true,
    })
    await waitForReel(server.url, id, alice)
  }
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  await server?.stop()
})

describe('reel documents', () => {
  it('show a like made over REST to an anonymous subscriber, and its removal', async () => {
    const viewer = open(reelDocName(reelId))
    await viewer.synced
    expect(counts(viewer)).toEqual({ views: 0, likes: 0, comments: 0, shares: 0 })
    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: bob })).status).toBe(200)
    await waitFor(() => counts(viewer).likes === 1, 'the like')
    await api(server.url, 'DELETE', `/api/reels/${reelId}/like`, { token: bob })
    await waitFor(() => counts(viewer).likes === 0, 'the unlike')
    await api(server.url, 'POST', `/api/reels/${reelId}/shares`, { token: bob })
    await api(server.url, 'POST', `/api/reels/${reelId}/views`, { token: bob, body: { watchedMs: 2000 } })
    await waitFor(() => counts(viewer).shares === 1 && counts(viewer).views === 1, 'the share and the view')
  })

  it('list new comments newest last, and drop deleted ones with their replies', async () => {
    const viewer = open(reelDocName(reelId))
    await viewer.synced
    const post = (text: string, parentId?: string) =>
      api(server.url, 'POST', `/api/reels/${reelId}/comments`, { token: bob, body: { text, parentId } })
    const first = (await post('first <b>')).body.id as string
    const reply = (await post('a reply', first)).body.id as string
    const second = (await post('second')).body.id as string
    await waitFor(() => comments(viewer).length === 3, 'three comments')
    expect(comments(viewer).map((c) => liveCommentSchema.parse(c))).toMatchObject([
      { id: first, author: 'bob', text: 'first <b>', parentId: null },
      { id: reply, parentId: first },
      { id: second, text: 'second' },
    ])
    expect(counts(viewer).comments).toBe(3)
    expect((await api(server.url, 'DELETE', `/api/comments/${first}`, { token: bob })).status).toBe(200)
    await waitFor(() => comments(viewer).length === 1, 'the deletion')
    expect(comments(viewer)[0]!.id).toBe(second)
    expect(counts(viewer).comments).toBe(1)
  })

  it('never take a client’s write: the server copy and other clients keep the server’s numbers', async () => {
    const honest = open(reelDocName(reelId))
    const writer = open(reelDocName(reelId))
    await Promise.all([honest.synced, writer.synced])
    const likesBefore = counts(honest).likes
    writer.doc.getMap('counts').set('likes', 1_000_000)
    writer.doc
      .getArray('comments')
      .push([{ id: 'fake', author: 'x', text: 'spam', parentId: null, createdAt: '' }])
    expect((await writer.closed).code).toBe(LIVE_CLOSE.readOnly)
    // A change the server does make still reaches the honest client, without the forged one.
    await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: alice })
    await waitFor(() => counts(honest).likes === likesBefore + 1, 'the real like')
    const fresh = open(reelDocName(reelId))
    await fresh.synced
    expect(counts(fresh).likes).toBe(likesBefore + 1)
    expect(comments(fresh).some((c) => c.id === 'fake')).toBe(false)
    expect(comments(honest).some((c) => c.id === 'fake')).toBe(false)
  })
})

describe('creator documents', () => {
  it('hold totals, per-reel stats and notifications for their creator', async () => {
    const dashboard = open(creatorDocName('alice'), alice)
    await dashboard.synced
    const totals = () => dashboard.doc.getMap('totals').toJSON()
    const reelStats = () => dashboard.doc.getMap('reels').get(reelId) as Record<string, unknown> | undefined
    await waitFor(() => reelStats() !== undefined, 'the reel entry')
    expect(totals()).toMatchObject({ reels: 1, likes: counts(await syncedReel()).likes })
    expect(reelStats()).toMatchObject({ caption: 'Live #sync' })

    const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: bob,
      body: { text: 'hello alice' },
    })
    await api(server.url, 'PUT', '/api/users/alice/follow', { token: bob })
    await api(server.url, 'PUT', '/api/users/alice/follow', { token: bob }) // no second notification
    await waitFor(
      () => totals().followers === 1 && notifications(dashboard).some((n) => n.kind === 'follower'),
      'follower',
    )
    const items = notifications(dashboard).map((n) => liveNotificationSchema.parse(n))
    expect(items.filter((n) => n.kind === 'follower')).toHaveLength(1)
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'comment',
        id: comment.body.id,
        actor: 'bob',
        text: 'hello alice',
        parentId: null,
      }),
    )
    expect(items).toContainEqual(expect.objectContaining({ kind: 'like_milestone', reelId, likes: 1 }))

    // A reply names its thread, so the studio's reply to it goes there (replies are one level).
    const reply = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: bob,
      body: { text: 'and again', parentId: comment.body.id },
    })
    expect(reply.status).toBe(201)
    await waitFor(
      () => notifications(dashboard).some((n) => n.id === reply.body.id),
      'the reply notification',
    )
    expect(notifications(dashboard).find((n) => n.id === reply.body.id)).toMatchObject({
      parentId: comment.body.id,
    })

    await api(server.url, 'DELETE', `/api/comments/${comment.body.id as string}`, { token: alice })
    await waitFor(
      () => !notifications(dashboard).some((n) => n.id === comment.body.id),
      'the comment notification to go',
    )
  })

  it('list a reel published while the dashboard is open at once, with no engagement needed', async () => {
    const dashboard = open(creatorDocName('alice'), alice)
    await dashboard.synced
    const reels = () => dashboard.doc.getMap('reels')
    const before = dashboard.doc.getMap('totals').get('reels') as number
    await waitFor(() => before === reels().size && before > 0, 'the dashboard as loaded')
    const pkg = await makeReelPackage(await ensureMedia('portrait-1080x1920-audio-2s'), {
      renditions: ['360p'],
      caption: 'Fresh off the press',
    })
    const fresh = pkg.manifest.reelId
    const upload = await tusUpload(server.url, await readFile(pkg.tarPath), {
      token: alice,
      metadata: { reelId: fresh, filename: 'r.tar' },
    })
    expect(upload).toMatchObject({ ok: true })
    expect((await waitForReel(server.url, fresh, alice)).body.status).toBe('published')
    // The document stayed loaded (a connection is open), so only the publish itself can add it.
    await waitFor(() => reels().has(fresh), 'the new reel on the open dashboard')
    expect(reels().get(fresh)).toMatchObject({ caption: 'Fresh off the press', views: 0, likes: 0 })
    expect(dashboard.doc.getMap('totals').get('reels')).toBe(before + 1)
  })

  it('mark a removed reel and leave it out of the totals, and a restore undoes both', async () => {
    const dashboard = open(creatorDocName('alice'), alice)
    await dashboard.synced
    const doomed = await publishTestReel(server.url, alice, 'Soon removed')
    await api(server.url, 'PUT', `/api/reels/${doomed}/like`, { token: bob })
    const entry = () => dashboard.doc.getMap('reels').get(doomed) as { likes?: number; removedAt?: string }
    const totals = () => dashboard.doc.getMap('totals').toJSON() as Record<string, number>
    await waitFor(() => entry()?.likes === 1, 'the reel and its like on the dashboard')
    const before = totals()

    expect((await moderate(doomed, 'remove')).status).toBe(200)
    await waitFor(() => entry()?.removedAt !== undefined, 'the reel marked removed')
    expect(liveReelStatsSchema.parse(entry())).toMatchObject({ caption: 'Soon removed', likes: 1 })
    expect(Date.parse(entry().removedAt!)).toBeGreaterThan(Date.now() - 60_000)
    await waitFor(() => totals().reels === before.reels! - 1, 'the totals without it')
    expect(totals().likes).toBe(before.likes! - 1)

    expect((await moderate(doomed, 'restore')).status).toBe(200)
    await waitFor(() => entry()?.removedAt === undefined && totals().reels === before.reels, 'the restore')
    expect(totals()).toEqual(before)
    expect(entry()).toMatchObject({ caption: 'Soon removed', likes: 1 })
  })

  async function syncedReel() {
    const client = open(reelDocName(reelId))
    await client.synced
    return client
  }
})

describe('a removed reel', () => {
  it('closes its viewers with the gone code and refuses new ones with 410; a restore lets them back', async () => {
    const doomed = await publishTestReel(server.url, alice, 'Removed while watched')
    const [first, second, elsewhere] = [
      open(reelDocName(doomed)),
      open(reelDocName(doomed)),
      open(reelDocName(reelId)),
    ]
    await Promise.all([first.synced, second.synced, elsewhere.synced])

    expect((await moderate(doomed, 'remove')).status).toBe(200)
    expect((await first.closed).code).toBe(LIVE_CLOSE.gone)
    expect((await second.closed).code).toBe(LIVE_CLOSE.gone)
    const refused = await upgradeAnswer(server.url, `/sync/${reelDocName(doomed)}`)
    expect(refused.status).toBe(410)
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'gone' } })
    // Another reel's viewer is not touched and still gets its updates.
    const shares = counts(elsewhere).shares as number
    await api(server.url, 'POST', `/api/reels/${reelId}/shares`, { token: bob })
    await waitFor(() => counts(elsewhere).shares === shares + 1, 'the other reel’s share')
    expect(elsewhere.provider.wsconnected).toBe(true)

    expect((await moderate(doomed, 'restore')).status).toBe(200)
    expect((await upgradeAnswer(server.url, `/sync/${reelDocName(doomed)}`)).status).toBe(101)
    const back = open(reelDocName(doomed))
    await back.synced
    await api(server.url, 'PUT', `/api/reels/${doomed}/like`, { token: bob })
    await waitFor(() => counts(back).likes === 1, 'a like on the restored reel')
  })
})

describe('slow clients', () => {
  it('closes a client that stops reading, holding at most the cap for it, while the others get everything', async () => {
    const name = draftDocName('alice', randomReelId())
    const writer = open(name, alice)
    const reader = open(name, alice)
    const stalled = openLiveDoc(server.url, name, { token: alice, reconnect: true })
    clients.push(stalled)
    await Promise.all([writer.synced, reader.synced, stalled.synced])
    const seenByReader = new Set<string>()
    reader.doc
      .getMap('edit')
      .observe(() => seenByReader.add(String(reader.doc.getMap('edit').get('blob')).slice(-6)))
    // The client stops reading its TCP socket, as a frozen tab or a dead link would.
    const socket = (stalled.provider.ws as unknown as { _socket: Socket })._socket
    socket.pause()

    const before = await stats()
    const CHUNK = 20_000
    const ROUNDS = 40
    const PER_ROUND = 25 // 40 × 25 × 20 kB = 20 MB for each connection of the draft
    const blob = (client: LiveClient) => String(client.doc.getMap('edit').get('blob') ?? '').slice(-6)
    let mostBuffered = 0
    let totalBuffered = 0
    let peakArrayBuffers = 0
    let written = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND; i++) {
        written++
        writer.doc.getMap('edit').set('blob', 'x'.repeat(CHUNK) + String(written).padStart(6, '0'))
      }
      // The reader keeps up (it is as fast as the writer), so only the stalled client falls behind.
      const last = String(written).padStart(6, '0')
      await waitFor(() => blob(reader) === last, `the reader to get write ${last}`, 20_000)
      const now = await stats()
      mostBuffered = Math.max(mostBuffered, now.bufferedBytesMost)
      totalBuffered = Math.max(totalBuffered, now.bufferedBytesTotal)
      peakArrayBuffers = Math.max(peakArrayBuffers, now.memory.arrayBuffers)
    }
    const last = String(written).padStart(6, '0')
    const after = await waitForStats(
      (s) => s.fellBehind > before.fellBehind && s.connections === before.connections - 1,
    )
    console.log(
      `slow client: ${((written * CHUNK) / 1e6).toFixed(0)} MB sent per connection; most waiting for one connection ${mb(mostBuffered)} (cap ${mb(MAX_BACKLOG)}); all connections ${mb(totalBuffered)}; server array buffers ${mb(before.memory.arrayBuffers)} → peak ${mb(peakArrayBuffers)} → ${mb(after.memory.arrayBuffers)}`,
    )
    // One message may go on top of the cap (it is checked before queueing), never a backlog.
    // Without the cap the stalled connection held ~16 MB here (the kernel's buffers took the rest).
    expect(mostBuffered).toBeLessThanOrEqual(MAX_BACKLOG + CHUNK + 1024)
    expect(totalBuffered).toBeLessThanOrEqual(MAX_BACKLOG + 2 * (CHUNK + 1024))
    expect(after.memory.arrayBuffers - before.memory.arrayBuffers).toBeLessThan(MAX_BACKLOG)
    expect(seenByReader.size).toBe(written)
    expect(reader.provider.wsconnected).toBe(true)

    // Reading again, the client finds its connection gone, reconnects and catches up in one sync.
    socket.resume()
    await waitFor(() => blob(stalled) === last, 'the stalled client to catch up after reconnecting', 20_000)
  })
})

describe('access', () => {
  it('is refused before the handshake with the HTTP status that says why', async () => {
    const path = (name: string, token?: string) =>
      `/sync/${name}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`
    expect((await upgradeAnswer(server.url, path(creatorDocName('alice')))).status).toBe(401)
    expect((await upgradeAnswer(server.url, path(creatorDocName('alice'), 'x'.repeat(43)))).status).toBe(401)
    expect((await upgradeAnswer(server.url, path(creatorDocName('alice'), 'bad token!'))).status).toBe(401)
    expect((await upgradeAnswer(server.url, path(creatorDocName('alice'), bob))).status).toBe(403)
    expect((await upgradeAnswer(server.url, path(draftDocName('alice', randomReelId()), bob))).status).toBe(
      403,
    )
    expect((await upgradeAnswer(server.url, path('notes:whatever', alice))).status).toBe(404)
    expect((await upgradeAnswer(server.url, path('reel:not-an-id'))).status).toBe(404)
    expect((await upgradeAnswer(server.url, path(reelDocName(rejectedReelId), alice))).status).toBe(404)
    expect((await upgradeAnswer(server.url, path(reelDocName(randomReelId())))).status).toBe(404)
    const refused = await upgradeAnswer(server.url, path(creatorDocName('alice'), bob))
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'forbidden' } })
    // Accepted: the owner with a Bearer header, and anyone on a published reel.
    expect(
      (await upgradeAnswer(server.url, path(creatorDocName('alice')), { authorization: `Bearer ${alice}` }))
        .status,
    ).toBe(101)
    expect((await upgradeAnswer(server.url, path(reelDocName(reelId)))).status).toBe(101)
  })

  it('with the session cookie, only from our own origin', async () => {
    const login = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: 'alice', password: 'a long enough password' },
    })
    const cookie = (login.headers.getSetCookie?.() ?? [])
      .map((c) => c.split(';')[0])
      .find((c) => c?.startsWith('spool_session='))
    expect(cookie, JSON.stringify(login.body)).toBeDefined()
    const path = `/sync/${creatorDocName('alice')}`
    expect(
      (await upgradeAnswer(server.url, path, { cookie: cookie!, origin: 'https://evil.example' })).status,
    ).toBe(403)
    expect((await upgradeAnswer(server.url, path, { cookie: cookie!, origin: server.url })).status).toBe(101)
  })
})

describe('drafts', () => {
  it('sync between two machines of the same creator and survive a restart', async () => {
    const name = draftDocName('alice', randomReelId())
    const laptop = open(name, alice)
    const desktop = open(name, alice)
    await Promise.all([laptop.synced, desktop.synced])
    laptop.doc.getText('caption').insert(0, 'Hello from the laptop')
    await waitFor(
      () => desktop.doc.getText('caption').toString() === 'Hello from the laptop',
      'laptop → desktop',
    )
    desktop.doc.getMap('edit').set('fit', 'fit-blur')
    await waitFor(() => laptop.doc.getMap('edit').get('fit') === 'fit-blur', 'desktop → laptop')
    laptop.destroy()
    desktop.destroy()

    await restartServer()
    const later = open(name, alice)
    await later.synced
    expect(later.doc.getText('caption').toString()).toBe('Hello from the laptop')
    expect(later.doc.getMap('edit').get('fit')).toBe('fit-blur')
  })

  it('refuse to grow past the size cap (200 kB here), without storing the refused part', async () => {
    const name = draftDocName('alice', randomReelId())
    const writer = open(name, alice)
    const reader = open(name, alice)
    await Promise.all([writer.synced, reader.synced])
    const caption = (client: LiveClient) => client.doc.getText('caption').toString()
    writer.doc.getText('caption').insert(0, 'a'.repeat(90_000))
    writer.doc.getText('caption').insert(0, 'b'.repeat(90_000))
    await waitFor(() => caption(reader).length === 180_000, 'two chunks at the reader')
    writer.doc.getText('caption').insert(0, 'c'.repeat(90_000))
    expect((await writer.closed).code).toBe(LIVE_CLOSE.tooLarge)
    const later = open(name, alice)
    await later.synced
    expect(caption(later)).toBe('b'.repeat(90_000) + 'a'.repeat(90_000))
    expect(caption(reader)).toBe(caption(later))

    // One message over the cap is cut off by the WebSocket layer itself.
    const big = open(draftDocName('alice', randomReelId()), alice)
    await big.synced
    big.doc.getText('caption').insert(0, 'x'.repeat(250_000))
    expect((await big.closed).code).toBe(LIVE_CLOSE.messageTooBig)
  })
})

describe('robustness', () => {
  it('closes a connection that sends garbage, and the document and server carry on', async () => {
    const name = draftDocName('alice', randomReelId())
    const good = open(name, alice)
    await good.synced
    good.doc.getText('caption').insert(0, 'intact')
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${name}?token=${alice}`)
    await new Promise((resolve) => raw.once('open', resolve))
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)))
    // A sync update whose payload is not a Yjs update, then random bytes.
    raw.send(Buffer.from([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0xff]))
    expect(await closed).toBe(LIVE_CLOSE.badMessage)
    const raw2 = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${reelDocName(reelId)}`)
    await new Promise((resolve) => raw2.once('open', resolve))
    const closed2 = new Promise<number>((resolve) => raw2.once('close', (code) => resolve(code)))
    raw2.send(Buffer.from([9, 9, 9]))
    expect(await closed2).toBe(LIVE_CLOSE.badMessage)

    const reader = open(name, alice)
    await reader.synced
    await waitFor(() => reader.doc.getText('caption').toString() === 'intact', 'the intact draft')
    expect((await api(server.url, 'GET', '/healthz')).status).toBe(200)
  })
})

describe('memory and storage', () => {
  it('unloads documents nobody is connected to, and frees their memory', async () => {
    for (const client of clients.splice(0)) client.destroy()
    const before = await waitForStats((s) => s.loadedDocs === 0)

    // 200 drafts of ~40 KB each, open at once.
    const many = Array.from({ length: 200 }, () => open(draftDocName('bob', randomReelId()), bob))
    await Promise.all(many.map((c) => c.synced))
    for (const client of many) client.doc.getText('caption').insert(0, randomText(40_000))
    const loaded = await waitForStats((s) => s.loadedDocs === 200 && s.connections === 200)
    for (const client of clients.splice(0)) client.destroy()
    const after = await waitForStats((s) => s.loadedDocs === 0)
    const held = loaded.memory.heapUsed - before.memory.heapUsed
    const left = after.memory.heapUsed - before.memory.heapUsed
    console.log(
      `sync memory: baseline ${mb(before.memory.heapUsed)}, 200 open drafts ${mb(loaded.memory.heapUsed)}, after unload ${mb(after.memory.heapUsed)}`,
    )
    expect(held).toBeGreaterThan(4_000_000)
    expect(left).toBeLessThan(held / 4)
  })

  it('keeps a busy document at a handful of stored rows, and loads it whole', async () => {
    const name = draftDocName('alice', randomReelId())
    const writer = open(name, alice)
    await writer.synced
    const seen: number[] = []
    for (let i = 0; i < 12; i++) {
      writer.doc.getText('caption').insert(i, String(i % 10))
      await new Promise((resolve) => setTimeout(resolve, 20))
      seen.push(rowsOf(name))
    }
    // SPOOL_SYNC_COMPACT_AFTER=5: every update was stored, and past 5 rows they became one.
    expect(Math.max(...seen)).toBeLessThanOrEqual(5)
    expect(seen.some((n, i) => i > 0 && n < seen[i - 1]!)).toBe(true)
    writer.destroy()
    await waitForStats((s) => s.loadedDocs === 0)
    const reader = open(name, alice)
    await reader.synced
    expect(reader.doc.getText('caption').toString()).toBe('012345678901')
    expect(rowsOf(name)).toBeLessThanOrEqual(5)
  })
})

async function waitForStats(check: (s: Awaited<ReturnType<typeof stats>>) => boolean) {
  const deadline = Date.now() + 10_000
  for (;;) {
    const s = await stats()
    if (check(s)) return s
    if (Date.now() > deadline) throw new Error(`sync stats never matched: ${JSON.stringify(s)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function rowsOf(name: string): number {
  const db = new Database(join(server.dataDir, 'spool.db'), { readonly: true })
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM sync_updates WHERE doc_name = ?').get(name) as { n: number }
    ).n
  } finally {
    db.close()
  }
}

async function restartServer(): Promise<void> {
  const dataDir = server.dataDir
  await server.process.stop()
  const restarted = await startTestServer(serverEnv, dataDir, nodeArgs)
  // Given a data directory, the test server leaves it behind; this one is ours to remove.
  server = {
    ...restarted,
    stop: async () => {
      await restarted.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Removes or restores a reel as the admin (alice, the first account). */
const moderate = (id: string, action: 'remove' | 'restore') =>
  api(server.url, 'POST', `/api/admin/reels/${id}/${action}`, { token: alice })

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const randomText = (length: number) =>
  Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')
