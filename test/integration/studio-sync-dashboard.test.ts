// The studio's Dashboard document and outbox against the real server's live sync, in Node: the
// studio core (real SQLite) keeps its copy of creator:<username>, so it opens with the last known
// numbers while the server is down and catches up when it is back; writes made offline wait in the
// outbox and are counted once even when an answer is lost and the write is sent again.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { StudioClient } from '../../shared/rpc/client'
import type { Dashboard } from '../../shared/rpc/contract'
import { openStudioDb } from '../../electron/core/db'
import { createOutbox } from '../../electron/core/sync/outbox'
import type { CoreWithClient } from '../support/core-client'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer } from '../support/server'
import {
  answerLosingFetch,
  dashboardWhen,
  newStudioDataDir,
  openSyncCore,
  serverOnOneAddress,
} from '../support/studio-sync'
import { eventually } from '../support/studio-web'

const PASSWORD = 'a long enough password'
const CAPTION = 'Morning run #running'
const server = serverOnOneAddress('sync')
let maya: string
let ana: string
let reelId: string
const cleanup: Array<() => unknown> = []

beforeAll(async () => {
  maya = await register(server.url, 'maya', PASSWORD)
  ana = await register(server.url, 'ana', PASSWORD)
  reelId = await publishTestReel(server.url, maya, CAPTION)
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

const newDataDir = () => newStudioDataDir(cleanup)
const openCore = (dataDir: string): CoreWithClient => openSyncCore(dataDir, cleanup)

const reelOf = (dashboard: Dashboard) => dashboard.reels.find((reel) => reel.reelId === reelId)

async function signIn(client: StudioClient) {
  await client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
}

describe('dashboard document', () => {
  it('is kept locally: opens offline with the last numbers, then catches up on reconnect', async () => {
    const dataDir = newDataDir()
    const first = openCore(dataDir)
    expect((await first.client.call('dashboard.get', {})).sync.state).toBe('signed-out')
    await signIn(first.client)
    await dashboardWhen(first.client, 'the published reel on the dashboard', (d) => {
      return d.sync.state === 'online' && reelOf(d)?.caption === CAPTION
    })
    const likesBefore = (await first.client.call('dashboard.get', {})).totals!.likes
    // The reel was not made in this studio: its poster comes from the server, as a JPEG data: URL.
    const poster = (await first.client.call('dashboard.poster', { reelId })).dataUrl
    expect(poster).toMatch(/^data:image\/jpeg;base64,\/9j\//)

    // Live: another account likes the reel over REST.
    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    const liked = await dashboardWhen(first.client, 'the like', (d) => d.totals?.likes === likesBefore + 1)
    expect(reelOf(liked)!.likes).toBe(likesBefore + 1)
    expect(liked.notifications.some((n) => n.kind === 'like_milestone' && n.reelId === reelId)).toBe(true)
    // Pushed to the windows as it arrived, and worth a desktop notification (the studio was open).
    await eventually(
      () =>
        first.events.some(
          (e) => e.name === 'dashboard.changed' && e.payload.totals?.likes === likesBefore + 1,
        ),
      5000,
      'a dashboard.changed event with the like',
    )
    // Told after a short gathering, so a burst is one notice.
    const notify = await eventually(
      () => first.events.find((e) => e.name === 'dashboard.notify'),
      5000,
      'a desktop notification',
    )
    expect(notify?.payload).toMatchObject({ notifications: [{ kind: 'like_milestone', reelId, likes: 1 }] })
    expect(notify?.payload.title).toBe('1 like')
    // With notifications off in Settings, news still reaches the feed but not the desktop.
    await first.client.call('settings.set', { notifications: false })
    expect((await api(server.url, 'PUT', '/api/users/maya/follow', { token: ana })).status).toBe(200)
    await dashboardWhen(first.client, 'the new follower', (d) =>
      d.notifications.some((n) => n.kind === 'follower'),
    )
    expect(first.events.filter((e) => e.name === 'dashboard.notify')).toHaveLength(1)
    first.core.close()

    // While the studio is closed, ana comments; then the server goes away.
    const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Great pace!' },
    })
    expect(comment.status).toBe(201)
    await server.stop()

    const second = openCore(dataDir)
    const offline = await dashboardWhen(second.client, 'offline with the stored numbers', (d) => {
      return d.sync.state === 'offline'
    })
    expect(offline.totals?.likes).toBe(likesBefore + 1)
    expect(reelOf(offline)?.caption).toBe(CAPTION)
    expect(offline.sync.syncedAt).not.toBeNull()
    expect(offline.notifications.some((n) => n.kind === 'comment')).toBe(false)
    expect((await second.client.call('dashboard.poster', { reelId })).dataUrl).toBe(poster)

    await server.restart()
    const caughtUp = await dashboardWhen(second.client, 'the comment made while away', (d) => {
      return d.sync.state === 'online' && d.notifications.some((n) => n.kind === 'comment')
    })
    const note = caughtUp.notifications.find((n) => n.kind === 'comment')!
    expect(note).toMatchObject({ actor: 'ana', text: 'Great pace!', reelId, id: comment.body.id })
    expect(reelOf(caughtUp)!.comments).toBeGreaterThanOrEqual(1)
    expect(Date.parse(caughtUp.sync.syncedAt!)).toBeGreaterThan(Date.parse(offline.sync.syncedAt!))
  })
})

const replies = async (parentId: string) =>
  (await api(server.url, 'GET', `/api/reels/${reelId}/comments?parentId=${parentId}`)).body.items as Array<{
    text: string
  }>

describe('outbox', () => {
  it('keeps a reply made offline across a restart and sends it once the server is back', async () => {
    const parent = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Where is this?' },
    })
    const dataDir = newDataDir()
    const first = openCore(dataDir)
    await signIn(first.client)
    await server.stop()
    const queued = await first.client.call('dashboard.reply', {
      reelId,
      commentId: parent.body.id,
      text: 'Lisbon, at dawn',
    })
    expect(queued).toMatchObject({ kind: 'reply', state: 'pending' })
    const waiting = await dashboardWhen(first.client, 'the reply waiting offline', (d) => {
      return d.outbox.some((item) => item.id === queued.id && item.lastError !== null)
    })
    expect(waiting.outbox.find((item) => item.id === queued.id)!.lastError).toMatch(/server/i)
    first.core.close()

    const second = openCore(dataDir)
    expect((await second.client.call('dashboard.get', {})).outbox.map((item) => item.id)).toContain(queued.id)
    await server.restart()
    await dashboardWhen(second.client, 'the outbox to empty', (d) => d.outbox.length === 0)
    expect((await replies(parent.body.id)).map((reply) => reply.text)).toEqual(['Lisbon, at dawn'])
  })

  it('fails a write the server refuses, with its sentence, and counts deleting a deleted comment as done', async () => {
    const { client } = openCore(newDataDir())
    await signIn(client)
    const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Spam spam spam' },
    })
    const removed = await client.call('dashboard.deleteComment', { commentId: comment.body.id })
    const again = await client.call('dashboard.deleteComment', { commentId: comment.body.id })
    const refused = await client.call('dashboard.reply', {
      reelId,
      commentId: 'no-such-comment',
      text: 'Hello',
    })
    const settled = await dashboardWhen(client, 'the outbox to settle', (d) => {
      return d.outbox.length === 1 && d.outbox[0]!.state === 'failed'
    })
    expect(settled.outbox[0]).toMatchObject({ id: refused.id, kind: 'reply', state: 'failed' })
    expect(settled.outbox[0]!.lastError).toMatch(/no such comment/i)
    expect(settled.outbox.map((item) => item.id)).not.toContain(removed.id)
    expect(settled.outbox.map((item) => item.id)).not.toContain(again.id)
    const comments = await api(server.url, 'GET', `/api/reels/${reelId}/comments`)
    expect((comments.body.items as Array<{ id: string }>).map((item) => item.id)).not.toContain(
      comment.body.id,
    )
    // The person reads why and dismisses it.
    expect(await client.call('dashboard.dismissOutbox', { id: refused.id })).toEqual({ dismissed: true })
    expect((await client.call('dashboard.get', {})).outbox).toEqual([])
  })

  it('counts a write once when its answer was lost and it is sent again', async () => {
    const parent = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Which shoes?' },
    })
    const before = (await api(server.url, 'GET', `/api/reels/${reelId}`)).body.counts.comments as number
    const store = openStudioDb({ dataDir: newDataDir() })
    cleanup.push(() => store.close())
    const { fetch: losingFetch, sent } = answerLosingFetch(1)
    const outbox = createOutbox({
      db: store.db,
      session: async () => ({ serverUrl: server.url, username: 'maya', userId: 'unused here', token: maya }),
      onChange: () => undefined,
      retryBaseMs: 60_000,
      // The real request reaches the real server; only the first answer is lost on its way back.
      fetch: losingFetch,
    })
    cleanup.push(() => outbox.close())
    const item = outbox.enqueue(
      { serverUrl: server.url, username: 'maya' },
      {
        kind: 'reply',
        method: 'POST',
        path: `/api/reels/${reelId}/comments`,
        body: { text: 'Trail runners', parentId: parent.body.id },
        summary: 'Reply',
      },
    )
    await eventually(() => sent.length === 1, 10_000, 'the first attempt')
    await outbox.flush()
    expect(outbox.get(item.id)?.state).toBe('sent')

    expect(sent).toHaveLength(2)
    expect(sent[1]!.key).toBe(sent[0]!.key)
    expect(sent.map((attempt) => attempt.status)).toEqual([201, 201])
    expect(sent[1]!.replayed).toBe('true')
    expect((await replies(parent.body.id)).map((reply) => reply.text)).toEqual(['Trail runners'])
    const after = (await api(server.url, 'GET', `/api/reels/${reelId}`)).body.counts.comments as number
    expect(after).toBe(before + 1)
  })
})

describe('a server whose data was reset', () => {
  it('starts a fresh copy instead of merging the old one into the new history', async () => {
    const dirX = mkdtempSync(join(tmpdir(), 'spool-sync-reset-'))
    cleanup.push(() => rmSync(dirX, { recursive: true, force: true }))
    let other = await startTestServer({}, dirX)
    cleanup.push(() => other.stop())
    const otherPort = new URL(other.url).port
    const login = (client: StudioClient) =>
      client.call('account.login', { serverUrl: other.url, username: 'maya', password: PASSWORD })
    const follow = async (name: string) => {
      const token = await register(other.url, name, PASSWORD)
      expect((await api(other.url, 'PUT', '/api/users/maya/follow', { token })).status).toBe(200)
    }
    await register(other.url, 'maya', PASSWORD)
    const { client } = openCore(newDataDir())
    await login(client)
    await follow('ana')
    await follow('bob')
    await dashboardWhen(
      client,
      'two followers',
      (d) => d.totals?.followers === 2 && d.sync.state === 'online',
    )

    // Same address, fresh data: the same names, other history.
    await other.stop()
    const dirY = mkdtempSync(join(tmpdir(), 'spool-sync-reset-'))
    cleanup.push(() => rmSync(dirY, { recursive: true, force: true }))
    other = await startTestServer({ SPOOL_PORT: otherPort }, dirY)
    cleanup.push(() => other.stop())
    await register(other.url, 'maya', PASSWORD)
    await follow('cyd')
    await login(client)
    // maya is another account there (a new user id): the old copy must not be merged into its numbers.
    const followersOf = (d: Dashboard) =>
      d.notifications.map((n) => (n.kind === 'follower' ? n.actor : n.kind))
    const fresh = await dashboardWhen(client, 'only the new server’s numbers', (d) => {
      return d.sync.state === 'online' && followersOf(d).join() === 'cyd'
    })
    expect(fresh.totals?.followers).toBe(1)
  })
})
