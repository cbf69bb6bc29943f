// One of the creator's reels opened from the Dashboard, in Node against the real server: the studio
// core subscribes to reel:<id> only while it is open (the server's own connection count says so),
// another account's like and comment reach the core's reading of it live, the creator's reply and
// delete go through the outbox — kept while the server is away and sent once when it is back — and
// a reel removed by moderation says so and is not asked for again.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioClient } from '../../shared/rpc/client'
import type { ReelDetail } from '../../shared/rpc/contract'
import type { CoreWithClient } from '../support/core-client'
import { publishTestReel } from '../support/published-reel'
import { api, register } from '../support/server'
import {
  dashboardWhen,
  newStudioDataDir,
  openSyncCore,
  serverOnOneAddress,
  type Cleanup,
} from '../support/studio-sync'
import { eventually } from '../support/studio-web'

const PASSWORD = 'a long enough password'
const CAPTION = 'Tide pools at noon #sea'
const server = serverOnOneAddress('reel-detail', { SPOOL_TEST_ROUTES: '1' })
let maya: string
let ana: string
let reelId: string
const cleanup: Cleanup = []

beforeAll(async () => {
  maya = await register(server.url, 'maya', PASSWORD)
  ana = await register(server.url, 'ana', PASSWORD)
  reelId = await publishTestReel(server.url, maya, CAPTION)
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

/** A signed-in core whose Dashboard lists the reel, online. */
async function openSignedIn(dataDir = newStudioDataDir(cleanup)): Promise<CoreWithClient> {
  const opened = openSyncCore(dataDir, cleanup)
  await opened.client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
  await dashboardWhen(opened.client, 'the reel on the dashboard, online', (d) => {
    return d.sync.state === 'online' && d.reels.some((reel) => reel.reelId === reelId)
  })
  return opened
}

/** The latest `dashboard.reel` the core pushed for the reel, once `check` accepts it. */
const reelWhen = (opened: CoreWithClient, what: string, check: (detail: ReelDetail) => boolean) =>
  eventually(
    () => {
      const told = opened.events.filter((e) => e.name === 'dashboard.reel' && e.payload.reelId === reelId)
      const latest = told.at(-1)?.payload as ReelDetail | undefined
      return latest && check(latest) ? latest : undefined
    },
    20_000,
    what,
  )

async function syncConnections(): Promise<number> {
  const get = () => api(server.url, 'GET', '/api/test/sync-stats')
  const response = await get().catch(get)
  return (response.body as { connections: number }).connections
}

const serverCounts = async () =>
  (await api(server.url, 'GET', `/api/reels/${reelId}`)).body.counts as { likes: number; comments: number }

const texts = (detail: ReelDetail) => detail.comments.map((comment) => comment.text)

describe('a reel opened from the Dashboard', () => {
  it('reads reel:<id> live while open and holds no connection to it once closed', async () => {
    const opened = await openSignedIn()
    const { client } = opened
    const base = await syncConnections()
    const before = await serverCounts()

    const first = await client.call('dashboard.openReel', { reelId })
    expect(first.reel?.caption).toBe(CAPTION)
    const synced = await reelWhen(opened, 'the reel document in sync', (d) => {
      return d.state === 'online' && d.countsLive
    })
    expect(synced.counts).toMatchObject(before)
    expect(await syncConnections()).toBe(base + 1)

    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: '<b>Crabs!</b>' },
    })
    expect(comment.status).toBe(201)
    const live = await reelWhen(opened, 'the like and the comment', (d) => {
      return d.counts?.likes === before.likes + 1 && d.comments.some((c) => c.id === comment.body.id)
    })
    expect(live.counts?.comments).toBe(before.comments + 1)
    expect(live.comments.at(-1)).toMatchObject({ author: 'ana', text: '<b>Crabs!</b>', parentId: null })

    // A second window opens the same reel: one connection; it stays until both have closed it.
    await client.call('dashboard.openReel', { reelId })
    expect(await syncConnections()).toBe(base + 1)
    expect(await client.call('dashboard.closeReel', { reelId })).toEqual({ closed: false })
    expect(await syncConnections()).toBe(base + 1)
    expect(await client.call('dashboard.closeReel', { reelId })).toEqual({ closed: true })
    await eventually(async () => (await syncConnections()) === base, 5000, 'the reel connection to close')
    // Closed means closed: another like is not read any more.
    const told = opened.events.filter((e) => e.name === 'dashboard.reel').length
    expect((await api(server.url, 'DELETE', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    await dashboardWhen(client, 'the unlike on the dashboard', (d) => {
      return d.reels.find((reel) => reel.reelId === reelId)?.likes === before.likes
    })
    expect(opened.events.filter((e) => e.name === 'dashboard.reel')).toHaveLength(told)
  })

  it('refuses a reel that is not the creator’s and one when signed out', async () => {
    const { client } = openSyncCore(newStudioDataDir(cleanup), cleanup)
    await expect(client.call('dashboard.openReel', { reelId })).rejects.toMatchObject({
      code: 'unavailable',
    })
    const signedIn = await openSignedIn()
    await expect(
      signedIn.client.call('dashboard.openReel', { reelId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('replies and deletes through the outbox, offline too, each counted once', async () => {
    const dataDir = newStudioDataDir(cleanup)
    const opened = await openSignedIn(dataDir)
    const { client } = opened
    const question = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Is the water cold?' },
    })
    const spam = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Buy followers here' },
    })
    const start = await serverCounts()
    await client.call('dashboard.openReel', { reelId })
    await reelWhen(opened, 'both comments', (d) => d.comments.some((c) => c.id === spam.body.id))

    // Online: the reply appears in the reel's own document, counted once.
    await client.call('dashboard.reply', { reelId, commentId: question.body.id, text: 'Freezing!' })
    const replied = await reelWhen(opened, 'the reply', (d) => texts(d).includes('Freezing!'))
    expect(replied.comments.find((c) => c.text === 'Freezing!')).toMatchObject({
      author: 'maya',
      parentId: question.body.id,
    })
    expect((await serverCounts()).comments).toBe(start.comments + 1)

    // The server goes away: the panel keeps the numbers and comments it had, and says offline.
    await server.stop()
    const offline = await reelWhen(opened, 'offline', (d) => d.state === 'offline')
    expect(offline.counts?.comments).toBe(start.comments + 1)
    expect(texts(offline)).toContain('Buy followers here')
    // A delete made offline waits in the outbox, and the comment says so.
    const queued = await client.call('dashboard.deleteComment', { commentId: spam.body.id })
    expect(queued).toMatchObject({ kind: 'delete-comment', state: 'pending' })
    await reelWhen(opened, 'the comment marked as being deleted', (d) => d.deleting.includes(spam.body.id))
    // A studio opened meanwhile shows the Dashboard's last known numbers for the reel.
    opened.core.close()
    const again = openSyncCore(dataDir, cleanup)
    const cold = await again.client.call('dashboard.openReel', { reelId })
    expect(cold).toMatchObject({ countsLive: false, comments: [] })
    expect(cold.counts?.likes).toBe(start.likes)
    await reelWhen(again, 'offline, from the dashboard numbers', (d) => d.state === 'offline')

    await server.restart()
    const after = await reelWhen(again, 'the delete sent and the document back', (d) => {
      return d.state === 'online' && d.countsLive && !d.comments.some((c) => c.id === spam.body.id)
    })
    expect(after.deleting).toEqual([])
    expect(texts(after)).toContain('Freezing!')
    await dashboardWhen(again.client, 'the outbox to empty', (d) => d.outbox.length === 0)
    expect(await serverCounts()).toMatchObject({ comments: start.comments })
  })

  it('says "removed" when moderation takes the reel down, does not reconnect, and comes back on a restore', async () => {
    const otherId = await publishTestReel(server.url, maya, 'Soon gone')
    const opened = await openSignedIn()
    await dashboardWhen(opened.client, 'the second reel', (d) => d.reels.some((r) => r.reelId === otherId))
    const base = await syncConnections()
    const detailOf = (id: string) =>
      opened.events.filter((e) => e.name === 'dashboard.reel' && e.payload.reelId === id).at(-1)?.payload as
        ReelDetail | undefined
    await opened.client.call('dashboard.openReel', { reelId: otherId })
    await eventually(() => detailOf(otherId)?.state === 'online', 20_000, 'the reel online')
    expect(await syncConnections()).toBe(base + 1)

    const removal = await api(server.url, 'POST', `/api/admin/reels/${otherId}/remove`, { token: maya })
    expect(removal.status).toBe(200)
    await eventually(() => detailOf(otherId)?.state === 'removed', 10_000, 'the reel removed')
    await eventually(async () => (await syncConnections()) === base, 5000, 'the connection gone')
    // Nothing tries again (the backoff is 300 ms here): still no connection a while later.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await syncConnections()).toBe(base)
    expect(detailOf(otherId)?.reel?.removedAt).toBeTruthy()
    await reopensRemoved(opened.client, otherId)

    // A restore brings it back: the Dashboard row loses its mark and the reel is read again.
    expect(
      (await api(server.url, 'POST', `/api/admin/reels/${otherId}/restore`, { token: maya })).status,
    ).toBe(200)
    await eventually(() => detailOf(otherId)?.state === 'online', 20_000, 'the reel back online')
    expect(await syncConnections()).toBe(base + 1)
  })
})

/** Opening a removed reel again answers "removed" at once, without a connection attempt. */
async function reopensRemoved(client: StudioClient, id: string) {
  const base = await syncConnections()
  const reopened = await client.call('dashboard.openReel', { reelId: id })
  expect(reopened.state).toBe('removed')
  expect(await syncConnections()).toBe(base)
}
