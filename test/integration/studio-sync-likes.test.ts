// The creator likes reels from the studio's Dashboard, through the outbox, against the real server:
// the studio core (real SQLite) is taken offline by a relay whose cable the test pulls, while the
// server and the other accounts stay up. A like shows at once, waits across a restart, is sent on
// reconnect and counted once — also when its answer was lost and it is sent again; a like then an
// unlike made offline end unliked. What a reconnect catches up on is one desktop notification.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioClient } from '../../shared/rpc/client'
import { creatorDocName } from '../../shared/api/live-docs'
import type { Dashboard } from '../../shared/rpc/contract'
import { openStudioDb } from '../../electron/core/db'
import { accountScope } from '../../electron/core/sync/live-doc-store'
import { createOutbox } from '../../electron/core/sync/outbox'
import { createReelLikes } from '../../electron/core/sync/reel-likes'
import { openLiveDoc, waitFor } from '../support/live-sync'
import { openNetworkGate, type NetworkGate } from '../support/network-gate'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer, type TestServer } from '../support/server'
import {
  answerLosingFetch,
  dashboardWhen,
  newStudioDataDir,
  openSyncCore,
  type Cleanup,
} from '../support/studio-sync'
import { eventually } from '../support/studio-web'

const PASSWORD = 'a long enough password'
let serverDir: string
let server: TestServer
let maya: string
let ana: string
const cleanup: Cleanup = []

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'spool-likes-server-'))
  server = await startTestServer({}, serverDir)
  maya = await register(server.url, 'maya', PASSWORD)
  ana = await register(server.url, 'ana', PASSWORD)
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

afterAll(async () => {
  await server?.stop()
  if (serverDir) rmSync(serverDir, { recursive: true, force: true })
})

async function gate(): Promise<NetworkGate> {
  const opened = await openNetworkGate(server.url)
  cleanup.push(() => opened.close())
  return opened
}

/** A core signed in as maya through the gate, once its Dashboard is online and lists the reel. */
async function studioOnline(dataDir: string, through: NetworkGate, reelId: string) {
  const opened = openSyncCore(dataDir, cleanup)
  await opened.client.call('account.login', { serverUrl: through.url, username: 'maya', password: PASSWORD })
  await dashboardWhen(opened.client, 'the reel on the dashboard, online', (d) => {
    return d.sync.state === 'online' && reelOf(d, reelId) !== undefined
  })
  return opened
}

const reelOf = (dashboard: Dashboard, reelId: string) =>
  dashboard.reels.find((reel) => reel.reelId === reelId)

/** The reel as the server tells maya: its like count and whether she likes it. */
async function onServer(reelId: string): Promise<{ likes: number; liked: boolean }> {
  const reel = await api(server.url, 'GET', `/api/reels/${reelId}`, { token: maya })
  expect(reel.status).toBe(200)
  return { likes: reel.body.counts.likes as number, liked: reel.body.viewer.liked as boolean }
}

const offline = (client: StudioClient) =>
  dashboardWhen(client, 'the dashboard offline', (d) => d.sync.state === 'offline')

describe('likes from the dashboard', () => {
  it('shows an offline like at once, keeps it across a restart, and sends it once on reconnect', async () => {
    const reelId = await publishTestReel(server.url, maya, 'Tide pools #coast')
    // Another account's like, so the count is not just maya's.
    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    const through = await gate()
    const dataDir = newStudioDataDir(cleanup)
    const first = await studioOnline(dataDir, through, reelId)
    const before = await dashboardWhen(first.client, 'ana’s like in the numbers', (d) => {
      return reelOf(d, reelId)?.likes === 1
    })
    expect(reelOf(before, reelId)).toMatchObject({ liked: false, likeWaiting: false })

    through.cut()
    await offline(first.client)
    const queued = await first.client.call('dashboard.like', { reelId, liked: true })
    expect(queued).toMatchObject({ kind: 'like', state: 'pending', summary: 'Like “Tide pools #coast”' })
    // Shown at once: the heart, the reel's count and the total, before any server has it.
    const shown = await first.client.call('dashboard.get', {})
    expect(reelOf(shown, reelId)).toMatchObject({ liked: true, likeWaiting: true, likes: 2 })
    expect(shown.totals!.likes).toBe(before.totals!.likes + 1)
    expect(shown.outbox.map((item) => item.id)).toEqual([queued.id])
    expect(await onServer(reelId)).toEqual({ likes: 1, liked: false })
    first.core.close()

    // A restart while still offline: the like still waits, and is still shown.
    const second = openSyncCore(dataDir, cleanup)
    const restarted = await offline(second.client)
    expect(reelOf(restarted, reelId)).toMatchObject({ liked: true, likeWaiting: true, likes: 2 })
    expect(restarted.outbox.map((item) => item.id)).toEqual([queued.id])

    through.restore()
    const sent = await dashboardWhen(second.client, 'the like sent and counted', (d) => {
      const reel = reelOf(d, reelId)
      return d.outbox.length === 0 && reel?.likeWaiting === false && reel.likes === 2
    })
    expect(reelOf(sent, reelId)!.liked).toBe(true)
    expect(await onServer(reelId)).toEqual({ likes: 2, liked: true })
    second.core.close()

    // What the server said is kept: offline again, a fresh start still shows the reel liked.
    through.cut()
    const third = openSyncCore(dataDir, cleanup)
    const kept = await offline(third.client)
    expect(reelOf(kept, reelId)).toMatchObject({ liked: true, likeWaiting: false, likes: 2 })
  })

  it('ends in the last choice when a like and an unlike were made offline', async () => {
    const reelId = await publishTestReel(server.url, maya, 'Low tide')
    // maya already likes it, from another device: the studio learns that from the server.
    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: maya })).status).toBe(200)
    const through = await gate()
    const { client } = await studioOnline(newStudioDataDir(cleanup), through, reelId)
    await dashboardWhen(client, 'the like made elsewhere', (d) => reelOf(d, reelId)?.liked === true)

    through.cut()
    await offline(client)
    await client.call('dashboard.like', { reelId, liked: false })
    await client.call('dashboard.like', { reelId, liked: true })
    const last = await client.call('dashboard.like', { reelId, liked: false })
    const waiting = await client.call('dashboard.get', {})
    expect(reelOf(waiting, reelId)).toMatchObject({ liked: false, likeWaiting: true, likes: 0 })
    // A later choice replaces a waiting one of the same reel: one write waits, the last.
    expect(waiting.outbox.map((item) => [item.id, item.kind])).toEqual([[last.id, 'unlike']])

    through.restore()
    await dashboardWhen(client, 'the unlike sent', (d) => {
      return d.outbox.length === 0 && reelOf(d, reelId)?.likeWaiting === false
    })
    expect(await onServer(reelId)).toEqual({ likes: 0, liked: false })
    const settled = await dashboardWhen(client, 'the server’s count', (d) => reelOf(d, reelId)?.likes === 0)
    expect(reelOf(settled, reelId)!.liked).toBe(false)

    // And the other way round: unliked on the server, an unlike then a like offline end liked.
    through.cut()
    await offline(client)
    await client.call('dashboard.like', { reelId, liked: false })
    await client.call('dashboard.like', { reelId, liked: true })
    through.restore()
    await dashboardWhen(client, 'the like sent', (d) => {
      return d.outbox.length === 0 && reelOf(d, reelId)?.likes === 1
    })
    expect(await onServer(reelId)).toEqual({ likes: 1, liked: true })
  })

  it('counts a like once when its answer was lost and it is sent again with the same key', async () => {
    const reelId = await publishTestReel(server.url, maya, 'Harbour wall')
    const store = openStudioDb({ dataDir: newStudioDataDir(cleanup) })
    cleanup.push(() => store.close())
    const likes = createReelLikes({ db: store.db })
    const session = { serverUrl: server.url, username: 'maya', userId: 'maya-id', token: maya }
    const { fetch: losingFetch, sent } = answerLosingFetch(1)
    const outbox = createOutbox({
      db: store.db,
      session: async () => session,
      onChange: () => undefined,
      onSent: (who, write) => likes.sent(who, write),
      retryBaseMs: 60_000,
      // The real request reaches the real server; only the first answer is lost on its way back.
      fetch: losingFetch,
    })
    cleanup.push(() => outbox.close())
    const item = outbox.enqueue(session, {
      kind: 'like',
      method: 'PUT',
      path: `/api/reels/${reelId}/like`,
      reelId,
      summary: 'Like',
    })
    await eventually(() => sent.length === 1, 10_000, 'the first attempt')
    expect(outbox.get(item.id)?.state).toBe('pending')
    expect(likes.known(accountScope(session)).has(reelId)).toBe(false)
    await outbox.flush()
    expect(outbox.get(item.id)?.state).toBe('sent')

    expect(sent.map((attempt) => attempt.status)).toEqual([200, 200])
    expect(sent[1]!.key).toBe(sent[0]!.key)
    expect(sent[1]!.replayed).toBe('true')
    expect(await onServer(reelId)).toEqual({ likes: 1, liked: true })
    // The accepted like is what the studio now knows.
    expect(likes.known(accountScope(session)).get(reelId)).toBe(true)
  })
})

describe('desktop notifications after a reconnect', () => {
  it('tells what the catch-up brought as one summary', async () => {
    const reelId = await publishTestReel(server.url, maya, 'Fog over the bay')
    const through = await gate()
    const { client, events } = await studioOnline(newStudioDataDir(cleanup), through, reelId)
    const notices = () => events.filter((event) => event.name === 'dashboard.notify')
    expect(notices()).toEqual([])

    through.cut()
    await offline(client)
    for (const text of ['First!', 'Where is this?', 'Lovely light']) {
      const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
        token: ana,
        body: { text },
      })
      expect(comment.status).toBe(201)
    }
    expect((await api(server.url, 'PUT', '/api/users/maya/follow', { token: ana })).status).toBe(200)
    // Everything is in the server's document before the studio is back, so it comes in one catch-up.
    const serverCopy = openLiveDoc(server.url, creatorDocName('maya'), { token: maya })
    cleanup.push(() => serverCopy.destroy())
    await waitFor(
      () => serverCopy.doc.getArray('notifications').length >= 4,
      'the server’s document to hold the news',
    )

    through.restore()
    await dashboardWhen(client, 'the catch-up', (d) => {
      return d.sync.state === 'online' && d.notifications.filter((n) => n.kind === 'comment').length === 3
    })
    await eventually(() => notices().length > 0, 5000, 'a desktop notification')
    // Nothing else trickles in after it.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(notices()).toHaveLength(1)
    const { payload } = notices()[0]!
    expect(payload.title).toBe('3 new comments and 1 follower')
    expect(payload.body.split('\n')).toEqual([
      'ana started following you.',
      'ana commented on “Fog over the bay”: Lovely light',
      'ana commented on “Fog over the bay”: Where is this?',
      '…and 1 more',
    ])
    expect(payload.notifications).toHaveLength(4)
  })
})
