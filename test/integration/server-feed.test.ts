// The ranked feed, trending and search on the real server: accounts and engagement go through the
// API; reels go straight into the database as publishing would leave them (uploading packages
// would only make the test slow). Checks what a viewer would notice: counts, seen and
// not-interested reels gone, followed creators first, stable paging, search and its bad input.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { ulid } from 'ulid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reelItemSchema } from '../../shared/api/reel-item'
import { api, register, startTestServer, type TestServer } from '../support/server'

let server: TestServer
let db: Database.Database
let viewer: string
let fan: string
let critic: string
const now = Date.now()
// Reel ids are ULIDs (the API refuses anything else); tests name reels by label, e.g. "MIA3".
const idOf = new Map<string, string>()
const labelOf = new Map<string, string>()
const id = (label: string) => idOf.get(label)!
const ids = (items: { id: string }[]) => items.map((item) => labelOf.get(item.id) ?? item.id)

function publish(
  label: string,
  username: string,
  caption: string,
  minutesAgo: number,
  soundLabel?: string,
): void {
  const id = ulid()
  idOf.set(label, id)
  labelOf.set(id, label)
  const sound = soundLabel && idOf.get(soundLabel)
  const creator = db
    .prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?')
    .get(username)!
  const at = now - minutesAgo * 60_000
  db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title, sound_source_reel_id)
     VALUES (?, ?, 'published', ?, 10000, ?, ?, ?, ?)`,
  ).run(id, creator.id, caption, at, at, sound ? null : 'Original sound', sound ?? null)
  for (const match of caption.matchAll(/#(\w+)/g)) {
    db.prepare('INSERT INTO reel_hashtags (reel_id, tag) VALUES (?, ?)').run(id, match[1]!.toLowerCase())
  }
}

/** Labels of every reel one scroll session gets, page after page. */
async function feedPages(token: string | undefined, limit: number, between?: () => void): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page = await api(server.url, 'GET', `/api/feed?limit=${limit}${query}`, { token })
    expect(page.status).toBe(200)
    seen.push(...ids(page.body.items))
    cursor = page.body.nextCursor
    between?.()
  } while (cursor)
  return seen
}

beforeAll(async () => {
  // Trending rebuilds soon after this test's own connection writes (other-writer detection).
  server = await startTestServer({ SPOOL_TRENDING_REBUILD_MS: '300' })
  viewer = await register(server.url, 'viewer')
  fan = await register(server.url, 'fan')
  critic = await register(server.url, 'critic')
  for (const name of ['mia', 'leo', 'ana', 'miles']) await register(server.url, name)
  db = new Database(join(server.dataDir, 'spool.db'))
  db.pragma('busy_timeout = 5000')
  // 60 reels over three creators and topics; mia's are five hours older than the rest.
  for (let i = 0; i < 20; i++) {
    publish(`MIA${i}`, 'mia', `Morning run number ${i} #run #sunrise`, 300 + i)
    publish(`LEO${i}`, 'leo', `Cooking pasta ${i} #food`, 10 + i)
    publish(`ANA${i}`, 'ana', `Café sketches ${i} #art`, 20 + i, i > 0 ? 'ANA0' : undefined)
  }
})

afterAll(async () => {
  db?.close()
  await server?.stop()
})

describe('trending', () => {
  it('ranks hashtags and sounds by recent engagement', async () => {
    for (const reel of ['ANA3', 'ANA4', 'ANA5']) {
      await api(server.url, 'PUT', `/api/reels/${id(reel)}/like`, { token: fan })
      await api(server.url, 'PUT', `/api/reels/${id(reel)}/like`, { token: critic })
    }
    await api(server.url, 'PUT', `/api/reels/${id('LEO1')}/like`, { token: critic })
    // Trending is cached for a minute, and the feed reads it too: this test runs first.
    const trending = await api(server.url, 'GET', '/api/trending')
    expect(trending.status).toBe(200)
    expect(trending.body.hashtags[0]).toMatchObject({ tag: 'art', reels: 3 })
    expect(trending.body.hashtags.map((h: { tag: string }) => h.tag)).toContain('food')
    expect(trending.body.sounds[0]).toMatchObject({
      sourceReelId: id('ANA0'),
      title: 'Original sound',
      reels: 3,
    })
    expect(trending.body.hashtags[0].score).toBeGreaterThan(trending.body.hashtags[1].score)
  })
})

describe('feed', () => {
  it('sends items in the shared shape with live counts', async () => {
    await api(server.url, 'PUT', `/api/reels/${id('LEO0')}/like`, { token: fan })
    await api(server.url, 'POST', `/api/reels/${id('LEO0')}/views`, { token: fan, body: { watchedMs: 9000 } })
    const page = await api(server.url, 'GET', '/api/feed?limit=50')
    expect(page.status).toBe(200)
    for (const item of page.body.items) expect(reelItemSchema.parse(item)).toEqual(item)
    const leo0 = page.body.items.find((item: { id: string }) => item.id === id('LEO0'))
    expect(leo0.counts).toEqual({ views: 1, likes: 1, comments: 0, shares: 0 })
    const single = await api(server.url, 'GET', `/api/reels/${id('LEO0')}`)
    expect(single.body.counts).toEqual(leo0.counts)
  })

  it('puts a followed creator first, and drops seen and not-interested reels for good', async () => {
    const before = await api(server.url, 'GET', '/api/feed?limit=10', { token: viewer })
    expect(ids(before.body.items)[0]).not.toMatch(/^MIA/)
    expect((await api(server.url, 'PUT', '/api/users/mia/follow', { token: viewer })).status).toBeLessThan(
      300,
    )
    const after = await api(server.url, 'GET', '/api/feed?limit=10', { token: viewer })
    const shown = ids(after.body.items)
    // Her reels are five hours older than the others, yet lead now.
    expect(shown[0]).toMatch(/^MIA/)
    expect(shown.filter((label) => label.startsWith('MIA')).length).toBeGreaterThan(
      ids(before.body.items).filter((label) => label.startsWith('MIA')).length,
    )
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.slice(0, 3)).not.toBe(shown[i - 1]!.slice(0, 3))

    const watched = shown[0]!
    const skipped = shown[1]!
    const unwanted = shown[2]!
    await api(server.url, 'POST', `/api/reels/${id(watched)}/views`, {
      token: viewer,
      body: { watchedMs: 10_000 },
    })
    await api(server.url, 'POST', `/api/reels/${id(skipped)}/views`, {
      token: viewer,
      body: { watchedMs: 800 },
    })
    await api(server.url, 'POST', `/api/reels/${id(unwanted)}/not-interested`, { token: viewer })
    const all = await feedPages(viewer, 25)
    expect(all).not.toContain(watched)
    expect(all).not.toContain(skipped)
    expect(all).not.toContain(unwanted)
    expect(new Set(all).size).toBe(all.length)
    expect(all.length).toBe(60 - 3)
  })

  it('pages without repeats or newcomers while reels are published', async () => {
    let n = 0
    const paged = await feedPages(fan, 7, () => publish(`NEW${n++}`, 'miles', `Brand new ${n}`, 0))
    // The session's ranking holds: reels published meanwhile come only once it has served every
    // reel that existed (the feed then goes on with a new ranking, of the newcomers).
    const firstNew = paged.findIndex((label) => label.startsWith('NEW'))
    // 60 less what fan watched or liked (LEO0; ANA3–5 in the trending test).
    expect(firstNew === -1 ? paged.length : firstNew).toBe(60 - 4)
    expect(new Set(paged).size).toBe(paged.length)
    expect(paged).not.toContain('LEO0') // fan watched it
    // A new session sees the new reels.
    const fresh = await api(server.url, 'GET', '/api/feed?limit=50', { token: fan })
    expect(ids(fresh.body.items).some((label) => label.startsWith('NEW'))).toBe(true)
  })

  it('answers 400 to a bad or foreign cursor and a bad limit', async () => {
    expect((await api(server.url, 'GET', '/api/feed?cursor=garbage')).status).toBe(400)
    const mine = await api(server.url, 'GET', '/api/feed?limit=2', { token: viewer })
    const other = await api(server.url, 'GET', `/api/feed?cursor=${mine.body.nextCursor}`, { token: fan })
    expect(other.status).toBe(400)
    expect(other.body.error.code).toBe('bad_request')
    expect((await api(server.url, 'GET', '/api/feed?limit=0')).status).toBe(400)
  })
})

describe('search', () => {
  it('finds creators and hashtags by prefix and reels by caption words', async () => {
    const mi = await api(server.url, 'GET', '/api/search?q=mi')
    expect(mi.status).toBe(200)
    expect(mi.body.creators).toEqual([
      { username: 'mia', reels: 20 },
      { username: 'miles', reels: expect.any(Number) },
    ])
    const tag = await api(server.url, 'GET', '/api/search?q=%23sun')
    expect(tag.body.hashtags).toEqual([{ tag: 'sunrise', reels: 20 }])
    expect(tag.body.creators).toEqual([])
    const words = await api(server.url, 'GET', `/api/search?q=${encodeURIComponent('cafe SKETCH')}`)
    expect(words.body.reels).toHaveLength(20)
    for (const item of words.body.reels) expect(reelItemSchema.parse(item).creator.username).toBe('ana')
  })

  it('forgets a reel once it is removed and finds an edited caption', async () => {
    const before = await api(server.url, 'GET', '/api/search?q=pasta%207')
    expect(ids(before.body.reels)).toEqual(['LEO7'])
    db.prepare("UPDATE reels SET status = 'removed', removed_at = ? WHERE id = ?").run(Date.now(), id('LEO7'))
    expect((await api(server.url, 'GET', '/api/search?q=pasta%207')).body.reels).toEqual([])
    db.prepare("UPDATE reels SET caption = 'Pasta al pomodoro' WHERE id = ?").run(id('LEO8'))
    expect(ids((await api(server.url, 'GET', '/api/search?q=pomodoro')).body.reels)).toEqual(['LEO8'])
  })

  it('treats FTS syntax as text and refuses a missing or overlong query', async () => {
    for (const q of [
      '"',
      'run OR',
      'NEAR(run',
      'caption:run',
      '*',
      '^run',
      'a AND NOT b',
      "'; DROP TABLE reels; --",
      '\u0000',
    ]) {
      const response = await api(server.url, 'GET', `/api/search?q=${encodeURIComponent(q)}`)
      expect(response.status, q).toBe(200)
    }
    const near = await api(server.url, 'GET', `/api/search?q=${encodeURIComponent('NEAR(run')}`)
    expect(near.body.reels).toEqual([]) // "near" is a word no caption has
    expect((await api(server.url, 'GET', '/api/search')).status).toBe(400)
    const long = await api(server.url, 'GET', `/api/search?q=${'x'.repeat(101)}`)
    expect(long.status).toBe(400)
    expect(long.body.error.code).toBe('bad_request')
  })
})

describe('feed after the ranking', () => {
  it('leaves out a creator hidden after page 1, on page 2 and on a re-fetch of its cursor', async () => {
    const hider = await register(server.url, 'hider')
    const first = await api(server.url, 'GET', '/api/feed?limit=6', { token: hider })
    const cursor = encodeURIComponent(first.body.nextCursor)
    const before = ids(
      (await api(server.url, 'GET', `/api/feed?limit=6&cursor=${cursor}`, { token: hider })).body.items,
    )
    // A creator whose reels page 2 held when it was ranked.
    const creators: Record<string, string> = { MIA: 'mia', LEO: 'leo', ANA: 'ana', NEW: 'miles' }
    const victim = before[1]!.slice(0, 3)
    const username = creators[victim]!
    expect((await api(server.url, 'PUT', `/api/users/${username}/hidden`, { token: hider })).status).toBe(200)
    const again = await api(server.url, 'GET', `/api/feed?limit=6&cursor=${cursor}`, { token: hider })
    const page2 = ids(again.body.items)
    expect(page2).toHaveLength(6) // topped up from further down
    expect(page2.filter((label) => label.startsWith(victim))).toEqual([])
    let next = again.body.nextCursor
    const rest: string[] = []
    while (next) {
      const page = await api(server.url, 'GET', `/api/feed?limit=20&cursor=${encodeURIComponent(next)}`, {
        token: hider,
      })
      rest.push(...ids(page.body.items))
      next = page.body.nextCursor
    }
    expect(rest.filter((label) => label.startsWith(victim))).toEqual([])
    const all = [...ids(first.body.items), ...page2, ...rest]
    expect(new Set(all).size).toBe(all.length)
  })

  it('never shows any of 3,000 watched reels again', async () => {
    const token = await register(server.url, 'binger')
    const binger = db.prepare<[], string>("SELECT id FROM users WHERE username = 'binger'").pluck().get()!
    db.transaction(() => {
      for (let i = 0; i < 3_000; i++) {
        // Newer than everything else, so they lead the fresh and trending candidates.
        publish(`W${i}`, 'miles', `Binge ${i} #binge`, i / 2000)
        db.prepare(
          `INSERT INTO view_events (reel_id, viewer_key, user_id, watched_ms, completed, counted, created_at)
           VALUES (?, ?, ?, 10000, 1, 1, ?)`,
        ).run(id(`W${i}`), `u:${binger}`, binger, now - 3_000 + i)
      }
    })()
    const all = await feedPages(token, 50)
    expect(all.filter((label) => label.startsWith('W'))).toEqual([])
    expect(all.length).toBeGreaterThan(40) // the rest of the catalogue still comes
  })

  it('stores a long watch as one watch with its last numbers, as ranking reads it', async () => {
    const watcher = await register(server.url, 'watcher')
    const reel = id('ANA9')
    const stats = () =>
      db.prepare('SELECT views, watches, completions FROM reel_stats WHERE reel_id = ?').get(reel)
    await api(server.url, 'GET', `/api/reels/${reel}`) // writes waiting views
    const before = stats() as { views: number; watches: number; completions: number }
    // The player reports at 3 s, then on leaving after watching 12 s of a 10 s reel.
    const at3s = await api(server.url, 'POST', `/api/reels/${reel}/views`, {
      token: watcher,
      body: { watchedMs: 3_000 },
    })
    expect(at3s.body).toEqual({ counted: true })
    const leaving = await api(server.url, 'POST', `/api/reels/${reel}/views`, {
      token: watcher,
      body: { watchedMs: 12_000 },
    })
    expect(leaving.body).toEqual({ counted: false })
    await api(server.url, 'GET', `/api/reels/${reel}`)
    expect(stats()).toEqual({
      views: before.views + 1,
      watches: before.watches + 1,
      completions: before.completions + 1,
    })
  })

  it("shows another connection's engagement in trending within the rebuild delay", async () => {
    publish('ZEB', 'miles', 'Stripes #zebra', 1)
    const zebra = async () =>
      (await api(server.url, 'GET', '/api/trending')).body.hashtags.some(
        (h: { tag: string }) => h.tag === 'zebra',
      )
    expect(await zebra()).toBe(false)
    const started = Date.now()
    for (const user of ['mia', 'leo', 'ana']) {
      const userId = db
        .prepare<[string], string>('SELECT id FROM users WHERE username = ?')
        .pluck()
        .get(user)!
      db.prepare('INSERT INTO reel_likes (reel_id, user_id, created_at) VALUES (?, ?, ?)').run(
        id('ZEB'),
        userId,
        Date.now(),
      )
    }
    let shown = await zebra()
    while (!shown && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      shown = await zebra()
    }
    // Rebuilt 300 ms after the write was noticed (at most 12 × that after an earlier rebuild).
    expect(shown).toBe(true)
  })
})
