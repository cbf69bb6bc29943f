// The catalog API on the real server: a creator's reels and a hashtag's reels, newest first in
// the feed's item shape, paged with the feed's cursor; unknown creators, bad tags and bad cursors.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reelItemSchema } from '../../shared/api/reel-item'
import { api, startTestServer, type TestServer } from '../support/server'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
  // No upload path is needed: published reels (and their hashtags) go straight into the database,
  // as publishing would leave them.
  const db = new Database(join(server.dataDir, 'spool.db'))
  const user = db.prepare(
    'INSERT INTO users (id, username, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  user.run('u-mia', 'mia', 'x', '[]', Date.UTC(2025, 0, 2))
  user.run('u-leo', 'leo', 'x', '[]', Date.UTC(2025, 0, 3))
  user.run('u-new', 'newbie', 'x', '[]', Date.UTC(2025, 0, 4))
  const reel = db.prepare(
    'INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
  )
  const tag = db.prepare('INSERT INTO reel_hashtags (reel_id, tag) VALUES (?, ?)')
  reel.run('R1', 'u-mia', 'published', 'Morning #run', 6000, 1000)
  tag.run('R1', 'run')
  reel.run('R2', 'u-mia', 'published', 'Evening #Run #sunset', 7000, 2000)
  tag.run('R2', 'run')
  tag.run('R2', 'sunset')
  reel.run('R3', 'u-leo', 'published', 'Me too #run', 5000, 3000)
  tag.run('R3', 'run')
  reel.run('R4', 'u-mia', 'processing', 'Not yet #run', null, null)
  tag.run('R4', 'run')
  reel.run('R5', 'u-mia', 'removed', 'Gone #run', 4000, 500)
  tag.run('R5', 'run')
  reel.run('R6', 'u-mia', 'published', 'Third', 3000, 2500)
  db.close()
})

afterAll(async () => {
  await server?.stop()
})

describe('catalog API', () => {
  it("lists a creator's published reels newest first, in the feed's item shape", async () => {
    const response = await api(server.url, 'GET', '/api/users/Mia')
    expect(response.status).toBe(200)
    // Published reels only: R4 (processing) and R5 (removed) are not counted.
    expect(response.body.user).toEqual({
      username: 'mia',
      createdAt: '2025-01-02T00:00:00.000Z',
      followers: 0,
      following: 0,
      reels: 3,
    })
    expect(response.body.reels.map((r: { id: string }) => r.id)).toEqual(['R6', 'R2', 'R1'])
    expect(response.body.nextCursor).toBeNull()
    for (const item of response.body.reels) expect(reelItemSchema.parse(item)).toEqual(item)
    expect(response.body.reels[1]).toEqual({
      id: 'R2',
      status: 'published',
      creator: { username: 'mia' },
      caption: 'Evening #Run #sunset',
      durationMs: 7000,
      publishedAt: new Date(2000).toISOString(),
      posterUrl: `${server.url}/media/R2/poster.jpg`,
      hlsUrl: `${server.url}/media/R2/master.m3u8`,
      counts: { views: 0, likes: 0, comments: 0, shares: 0 },
      // An original sound (these rows have no manifest title) is the reel's own.
      sound: { id: 'R2', title: '', creator: 'mia' },
    })
    // The feed sends the very same items.
    const feed = await api(server.url, 'GET', '/api/feed')
    expect(feed.body.items.find((r: { id: string }) => r.id === 'R2')).toEqual(response.body.reels[1])
  })

  it('pages a creator with the cursor, and shows an account with no reels yet', async () => {
    const first = await api(server.url, 'GET', '/api/users/mia?limit=2')
    expect(first.body.reels.map((r: { id: string }) => r.id)).toEqual(['R6', 'R2'])
    expect(first.body.nextCursor).toEqual(expect.any(String))
    const second = await api(server.url, 'GET', `/api/users/mia?limit=2&cursor=${first.body.nextCursor}`)
    expect(second.body.reels.map((r: { id: string }) => r.id)).toEqual(['R1'])
    expect(second.body.nextCursor).toBeNull()
    const empty = await api(server.url, 'GET', '/api/users/newbie')
    expect(empty.status).toBe(200)
    expect(empty.body).toMatchObject({ user: { username: 'newbie' }, reels: [], nextCursor: null })
  })

  it('answers 404 user_not_found for unknown and impossible names', async () => {
    for (const name of ['nobody', encodeURIComponent('<img src=x>'), 'a']) {
      const response = await api(server.url, 'GET', `/api/users/${name}`)
      expect(response.status).toBe(404)
      expect(response.body.error.code).toBe('user_not_found')
    }
  })

  it("lists a hashtag's published reels across creators, case-insensitively", async () => {
    const response = await api(server.url, 'GET', '/api/hashtags/RUN/reels')
    expect(response.status).toBe(200)
    expect(response.body.tag).toBe('run')
    expect(response.body.reels.map((r: { id: string }) => r.id)).toEqual(['R3', 'R2', 'R1'])
    const paged = await api(server.url, 'GET', '/api/hashtags/run/reels?limit=1')
    expect(paged.body.reels.map((r: { id: string }) => r.id)).toEqual(['R3'])
    const next = await api(
      server.url,
      'GET',
      `/api/hashtags/run/reels?limit=5&cursor=${paged.body.nextCursor}`,
    )
    expect(next.body.reels.map((r: { id: string }) => r.id)).toEqual(['R2', 'R1'])
    const hashed = await api(server.url, 'GET', `/api/hashtags/${encodeURIComponent('#sunset')}/reels`)
    expect(hashed.body.reels.map((r: { id: string }) => r.id)).toEqual(['R2'])
    const none = await api(server.url, 'GET', '/api/hashtags/nothing/reels')
    expect(none.body).toEqual({ tag: 'nothing', reels: [], nextCursor: null })
  })

  it('rejects bad tags, cursors and limits with bad_request', async () => {
    for (const path of [
      `/api/hashtags/${encodeURIComponent('<b>')}/reels`,
      '/api/hashtags/not-a-tag/reels',
      '/api/hashtags/run/reels?cursor=nonsense',
      '/api/hashtags/run/reels?limit=500',
      '/api/users/mia?cursor=nonsense',
    ]) {
      const response = await api(server.url, 'GET', path)
      expect(response.status, path).toBe(400)
      expect(response.body.error.code).toBe('bad_request')
    }
  })
})
