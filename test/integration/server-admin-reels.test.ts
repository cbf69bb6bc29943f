// The admin reel routes against the real server: POST /api/admin/reels/:id/remove and …/restore
// are for moderators and admins only, idempotent, and really take a reel off the air (its media
// 410, GET /api/reels/:id "removed", out of the feed) and put it back with the same files.
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { publishTestReel } from '../support/published-reel'
import { randomReelId } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let server: TestServer
let admin: string // the first account is the admin
let moderator: string
let viewer: string
let reelId: string

const act = (id: string, action: 'remove' | 'restore', token?: string) =>
  api(server.url, 'POST', `/api/admin/reels/${id}/${action}`, { token })

beforeAll(async () => {
  server = await startTestServer()
  admin = await register(server.url, 'root')
  moderator = await register(server.url, 'mod')
  viewer = await register(server.url, 'viewer')
  const granted = await api(server.url, 'PUT', '/api/admin/users/mod/roles', {
    token: admin,
    body: { roles: ['moderator'] },
  })
  expect(granted.status).toBe(200)
  reelId = await publishTestReel(server.url, viewer, 'A reel to moderate')
})

afterAll(async () => {
  await server?.stop()
})

describe('admin reel routes', () => {
  it('refuse anyone but moderators and admins, and unknown reels', async () => {
    expect((await act(reelId, 'remove')).status).toBe(401)
    const refused = await act(reelId, 'remove', viewer)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } })
    expect((await act(randomReelId(), 'remove', admin)).body).toMatchObject({ error: { code: 'not_found' } })
    expect((await act(randomReelId(), 'restore', moderator)).status).toBe(404)
    expect((await act('not-a-reel', 'remove', admin)).status).toBe(404)
    // Nothing happened to the reel.
    expect((await api(server.url, 'GET', `/api/reels/${reelId}`)).body).toMatchObject({ status: 'published' })
  })

  it('remove a reel (media 410, status removed) and restore it with the same files, each idempotent', async () => {
    const poster = `/media/${reelId}/poster.jpg`
    const before = await fetch(new URL(poster, server.url))
    expect(before.status).toBe(200)
    const posterBytes = Buffer.from(await before.arrayBuffer())

    const removed = await act(reelId, 'remove', moderator)
    expect(removed.status).toBe(200)
    expect(removed.body).toEqual({ id: reelId, status: 'removed', changed: true })
    expect((await act(reelId, 'remove', admin)).body).toEqual({
      id: reelId,
      status: 'removed',
      changed: false,
    })
    expect((await fetch(new URL(poster, server.url))).status).toBe(410)
    expect((await fetch(new URL(`/media/${reelId}/master.m3u8`, server.url))).status).toBe(410)
    const anonymous = await api(server.url, 'GET', `/api/reels/${reelId}`)
    expect(anonymous.status).toBe(410)
    expect(anonymous.body).toMatchObject({ error: { code: 'gone' } })
    expect((await api(server.url, 'GET', `/api/reels/${reelId}`, { token: moderator })).body).toMatchObject({
      status: 'removed',
      hlsUrl: null,
    })
    const feed = await api<{ items: Array<{ id: string }> }>(server.url, 'GET', '/api/feed')
    expect(feed.body.items.map((item) => item.id)).not.toContain(reelId)

    const restored = await act(reelId, 'restore', admin)
    expect(restored.body).toEqual({ id: reelId, status: 'published', changed: true })
    expect((await act(reelId, 'restore', moderator)).body).toEqual({
      id: reelId,
      status: 'published',
      changed: false,
    })
    const after = await fetch(new URL(poster, server.url))
    expect(after.status).toBe(200)
    expect(Buffer.from(await after.arrayBuffer()).equals(posterBytes)).toBe(true)
    expect((await api(server.url, 'GET', `/api/reels/${reelId}`)).body).toMatchObject({ status: 'published' })
  })

  it('answer 409 for a reel that was never published', async () => {
    const rejected = randomReelId()
    const upload = await tusUpload(server.url, await readFile(await ensureMedia('random-bytes-mp4')), {
      token: viewer,
      metadata: { reelId: rejected, filename: 'r.tar' },
    })
    expect(upload).toMatchObject({ ok: true })
    expect((await waitForReel(server.url, rejected, viewer)).body.status).toBe('rejected')
    const refused = await act(rejected, 'remove', admin)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ error: { code: 'not_published' } })
    expect((await act(rejected, 'restore', admin)).body).toMatchObject({ error: { code: 'not_removed' } })
  })
})
