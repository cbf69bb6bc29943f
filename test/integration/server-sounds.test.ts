// Sounds on the real server: every reel object names the sound it uses (its own for an original
// sound, the source reel's for a reused one), and GET /api/sounds/:id lists a sound's reels — the
// source first, then the others newest first, with a cursor that stays stable while new reels
// arrive — or says clearly why it cannot (unknown, not published, removed, malformed).
// The source and one reel reusing its sound are real packages uploaded over tus; the many reels
// paging needs go straight into the database as publishing would leave them.
import Database from 'better-sqlite3'
import { ulid } from 'ulid'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reelItemSchema } from '../../shared/api/reel-item'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer, type TestServer } from '../support/server'

const SOURCE_TITLE = 'Ana <b>beat</b> & "friends" <img src=x onerror=alert(1)>'
const REUSE_CAPTION = 'Dancing to <i>this</i> #dance'

let server: TestServer
let db: Database.Database
let source: string // ana's reel with an original sound
let reuse: string // leo's reel reusing it
const base = Date.now() - 3600_000

/** A published (or other) reel written as publishing leaves it; `at` orders it in lists. */
function insertReel(options: {
  creator: string
  at: number
  status?: string
  soundTitle?: string
  sourceReelId?: string | null
}): string {
  const id = ulid()
  const user = db
    .prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?')
    .get(options.creator)!
  db.prepare(
    `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title, sound_source_reel_id)
     VALUES (?, ?, ?, 'inserted', 2000, ?, ?, ?, ?)`,
  ).run(
    id,
    user.id,
    options.status ?? 'published',
    options.at,
    options.at,
    options.soundTitle ?? 'Original sound',
    options.sourceReelId ?? null,
  )
  return id
}

interface SoundAnswer {
  sound: { id: string; title: string; creator: string; reels: number; posterUrl: string; hlsUrl: string }
  items: { id: string }[]
  nextCursor: string | null
}

/** Every reel id of a sound's page, following the cursor; `between` runs after each page. */
async function allPages(soundId: string, limit: number, between?: () => void): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
    const page = await api<SoundAnswer>(server.url, 'GET', `/api/sounds/${soundId}?limit=${limit}${query}`)
    expect(page.status).toBe(200)
    expect(page.body.items.length).toBeLessThanOrEqual(limit)
    ids.push(...page.body.items.map((item) => item.id))
    cursor = page.body.nextCursor
    between?.()
  } while (cursor)
  return ids
}

function expectError(response: { status: number; body: unknown }, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.body).toEqual({ error: { code, message: expect.any(String) } })
}

let anaToken: string
let miaToken: string

beforeAll(async () => {
  server = await startTestServer()
  const ana = await register(server.url, 'ana')
  anaToken = ana
  const leo = await register(server.url, 'leo')
  miaToken = await register(server.url, 'mia')
  source = await publishTestReel(server.url, ana, 'My own beat #dance', {
    sound: { title: SOURCE_TITLE, sourceReelId: null },
  })
  // The studio copies the source's title into the manifest; a different one here shows which
  // the server reports.
  reuse = await publishTestReel(server.url, leo, REUSE_CAPTION, {
    sound: { title: 'what the studio wrote', sourceReelId: source },
  })
  db = new Database(join(server.dataDir, 'spool.db'))
  db.pragma('busy_timeout = 5000')
}, 180_000)

afterAll(async () => {
  db?.close()
  await server?.stop()
})

describe('the sound on reel objects', () => {
  it('names the reel itself for an original sound and the source for a reused one', async () => {
    const original = await api(server.url, 'GET', `/api/reels/${source}`)
    expect(original.status).toBe(200)
    // Markup in a title is data: sent exactly as the manifest had it, for clients to show as text.
    expect(original.body.sound).toEqual({ id: source, title: SOURCE_TITLE, creator: 'ana' })

    const reused = await api(server.url, 'GET', `/api/reels/${reuse}`)
    expect(reused.body.caption).toBe(REUSE_CAPTION)
    expect(reused.body.sound).toEqual({ id: source, title: SOURCE_TITLE, creator: 'ana' })
  })

  it('credits the original when a package names a reel that itself reuses a sound', async () => {
    const third = await publishTestReel(server.url, miaToken, 'a sound of a sound', {
      sound: { title: 'what the studio wrote', sourceReelId: reuse },
    })
    const answer = await api(server.url, 'GET', `/api/reels/${third}`)
    expect(answer.body.sound).toEqual({ id: source, title: SOURCE_TITLE, creator: 'ana' })
    const stored = db.prepare('SELECT sound_source_reel_id FROM reels WHERE id = ?').pluck().get(third)
    expect(stored).toBe(source)
    // Out of the way of the counts below.
    expect(
      (await api(server.url, 'POST', `/api/admin/reels/${third}/remove`, { token: anaToken })).status,
    ).toBe(200)
  }, 120_000)

  it('is the same on feed, creator, hashtag and search items', async () => {
    const expected = { id: source, title: SOURCE_TITLE, creator: 'ana' }
    const lists = [
      (await api(server.url, 'GET', '/api/feed?limit=50')).body.items,
      (await api(server.url, 'GET', '/api/users/leo')).body.reels,
      (await api(server.url, 'GET', '/api/hashtags/dance/reels')).body.reels,
      (await api(server.url, 'GET', '/api/search?q=dancing')).body.reels,
    ]
    for (const items of lists) {
      const item = items.find((reel: { id: string }) => reel.id === reuse)
      expect(item).toBeDefined()
      expect(reelItemSchema.parse(item)).toEqual(item)
      expect(item.sound).toEqual(expected)
    }
    const own = (await api(server.url, 'GET', '/api/users/ana')).body.reels[0]
    expect(own.sound).toEqual(expected)
  })

  it("falls back to the reel's own title, without a creator, when the source is not public", async () => {
    const removed = insertReel({ creator: 'mia', at: base, status: 'removed', soundTitle: 'Gone song' })
    const onRemoved = insertReel({
      creator: 'leo',
      at: base + 1,
      soundTitle: 'Gone song (copy)',
      sourceReelId: removed,
    })
    const unknown = ulid()
    const onUnknown = insertReel({
      creator: 'leo',
      at: base + 2,
      soundTitle: 'Elsewhere',
      sourceReelId: unknown,
    })
    for (const [reel, sound] of [
      [onRemoved, { id: removed, title: 'Gone song (copy)', creator: null }],
      [onUnknown, { id: unknown, title: 'Elsewhere', creator: null }],
    ] as const) {
      expect((await api(server.url, 'GET', `/api/reels/${reel}`)).body.sound).toEqual(sound)
      const listed = (await api(server.url, 'GET', '/api/users/leo?limit=50')).body.reels
      expect(listed.find((item: { id: string }) => item.id === reel).sound).toEqual(sound)
    }
    expectError(await api(server.url, 'GET', `/api/sounds/${removed}`), 410, 'sound_removed')
    expectError(await api(server.url, 'GET', `/api/sounds/${unknown}`), 404, 'sound_not_found')
  })
})

describe('GET /api/sounds/:id', () => {
  it("describes the sound with its source's poster and stream, and lists the source first", async () => {
    const page = await api<SoundAnswer>(server.url, 'GET', `/api/sounds/${source}`)
    expect(page.status).toBe(200)
    expect(page.body.sound).toEqual({
      id: source,
      title: SOURCE_TITLE,
      creator: 'ana',
      posterUrl: `${server.url}/media/${source}/poster.jpg`,
      hlsUrl: `${server.url}/media/${source}/master.m3u8`,
      durationMs: expect.any(Number),
      reels: 2,
    })
    expect(page.body.items.map((item) => item.id)).toEqual([source, reuse])
    expect(page.body.nextCursor).toBeNull()
    for (const item of page.body.items) expect(reelItemSchema.parse(item)).toEqual(item)
    // The URLs point at the real published files.
    const poster = await fetch(page.body.sound.posterUrl)
    expect(poster.status).toBe(200)
    expect(poster.headers.get('content-type')).toBe('image/jpeg')
    expect((await fetch(page.body.sound.hlsUrl)).status).toBe(200)
  })

  it('pages the others newest first with a cursor that new reels do not shift', async () => {
    const sound = insertReel({ creator: 'mia', at: base - 100_000, soundTitle: 'Paging song' })
    // Seven reels use it, two of them published in the same millisecond (the id breaks the tie),
    // plus reels that must not be listed: processing, removed, and one naming itself as source.
    const users = [1, 2, 3, 3, 5, 6, 7].map((minute, i) =>
      insertReel({ creator: i % 2 ? 'leo' : 'ana', at: base + minute * 60_000, sourceReelId: sound }),
    )
    insertReel({ creator: 'leo', at: base + 8 * 60_000, status: 'processing', sourceReelId: sound })
    insertReel({ creator: 'leo', at: base + 9 * 60_000, status: 'removed', sourceReelId: sound })
    const newestFirst = db
      .prepare<[string], string>(
        `SELECT id FROM reels WHERE sound_source_reel_id = ? AND status = 'published'
          ORDER BY published_at DESC, id DESC`,
      )
      .pluck()
      .all(sound)
    expect(new Set(newestFirst)).toEqual(new Set(users))

    const whole = await api<SoundAnswer>(server.url, 'GET', `/api/sounds/${sound}?limit=50`)
    expect(whole.body.sound.reels).toBe(8)
    expect(whole.body.items.map((item) => item.id)).toEqual([sound, ...newestFirst])
    for (const limit of [1, 2, 3, 8]) {
      expect(await allPages(sound, limit), `limit ${limit}`).toEqual([sound, ...newestFirst])
    }

    // New reels using the sound arrive while someone pages: the pages they are already on neither
    // repeat nor skip a reel, and the newcomers wait for the next first page.
    const arrived: string[] = []
    const seen = await allPages(sound, 3, () => {
      arrived.push(insertReel({ creator: 'mia', at: Date.now() + arrived.length, sourceReelId: sound }))
    })
    expect(seen).toEqual([sound, ...newestFirst])
    const fresh = await api<SoundAnswer>(server.url, 'GET', `/api/sounds/${sound}?limit=50`)
    expect(fresh.body.sound.reels).toBe(8 + arrived.length)
    expect(fresh.body.items.map((item) => item.id)).toEqual([sound, ...arrived.reverse(), ...newestFirst])
  })

  it('answers a reel that names itself as the source once, as the source', async () => {
    const self = ulid()
    const user = db.prepare<[], { id: string }>("SELECT id FROM users WHERE username = 'mia'").get()!
    db.prepare(
      `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, sound_title, sound_source_reel_id)
       VALUES (?, ?, 'published', 'loop', 2000, ?, ?, 'Loop', ?)`,
    ).run(self, user.id, base, base, self)
    const page = await api<SoundAnswer>(server.url, 'GET', `/api/sounds/${self}`)
    expect(page.body.items.map((item) => item.id)).toEqual([self])
    expect(page.body.sound).toMatchObject({ reels: 1, title: 'Loop', creator: 'mia' })
  })

  it('says why it cannot answer, in the API error shape', async () => {
    const processing = insertReel({ creator: 'mia', at: base, status: 'processing' })
    const rejected = insertReel({ creator: 'mia', at: base, status: 'rejected' })
    expectError(await api(server.url, 'GET', `/api/sounds/${processing}`), 404, 'sound_not_found')
    expectError(await api(server.url, 'GET', `/api/sounds/${rejected}`), 404, 'sound_not_found')
    expectError(await api(server.url, 'GET', `/api/sounds/${ulid()}`), 404, 'sound_not_found')
    // Not a reel id at all (a lower-case spelling is not the same id): it names no sound.
    for (const bad of ['nope', source.toLowerCase(), encodeURIComponent('../../etc/passwd'), '%00']) {
      expectError(await api(server.url, 'GET', `/api/sounds/${bad}`), 404, 'sound_not_found')
    }
    for (const query of [
      'limit=0',
      'limit=51',
      'limit=ten',
      'cursor=not-a-cursor',
      `cursor=${'x'.repeat(201)}`,
    ]) {
      expectError(await api(server.url, 'GET', `/api/sounds/${source}?${query}`), 400, 'bad_request')
    }
  })
})
