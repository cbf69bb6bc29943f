// The server skeleton as a real process on 127.0.0.1: health, the API's error shape, limits, the
// feed, the static viewer app (caching, SPA fallback, no path traversal), graceful shutdown, and
// refusing to start on a database it does not understand.
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProcess, type Started } from '../support/process'

const READY = /Spool server listening on (http:\/\/\S+)/
const tempDirs: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-server-'))
  tempDirs.push(dir)
  return dir
}

function startServer(
  dataDir: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<Started> {
  return startProcess('server/main.ts', {
    env: { SPOOL_PORT: '0', SPOOL_DATA_DIR: dataDir, SPOOL_LOG_LEVEL: 'info', ...env },
    args,
    readyPattern: READY,
  })
}

/** A request with the path sent exactly as written (fetch would normalise dot segments). */
function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

describe('a running server', () => {
  let server: Started
  let url: string
  let dataDir: string

  beforeAll(async () => {
    dataDir = tempDir()
    server = await startServer(dataDir)
    url = server.ready
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('answers /healthz', async () => {
    const response = await fetch(`${url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('answers an unknown API route with the error shape', async () => {
    const response = await fetch(`${url}/api/no-such-thing`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('not_found')
    expect(body.error.message).toMatch(/\/api\/no-such-thing/)
  })

  it('answers the raw routes (media, tus) without falling through to the viewer app', async () => {
    for (const path of ['/media/x', '/media/01JD8Z7Q3X4Y5Z6A7B8C9D0E1F/master.m3u8']) {
      const response = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } })
      expect(response.status, path).toBe(404)
      expect(await response.json(), path).toMatchObject({
        error: { code: 'not_found', message: expect.any(String) },
      })
    }
    // tus answers protocol errors itself (GET is not a tus method; POST needs Tus-Resumable).
    expect((await fetch(`${url}/api/uploads/`, { headers: { accept: 'text/html' } })).status).toBe(404)
    expect((await fetch(`${url}/api/uploads`, { method: 'POST' })).status).toBe(412)
  })

  it('publishes the upload limits', async () => {
    const response = await fetch(`${url}/api/limits`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      maxPackageBytes: 250_000_000,
      maxDurationMs: 90_000,
      minDurationMs: 1_000,
      maxCaptionLength: 2_200,
      chunkBytes: 8 * 1024 * 1024,
    })
  })

  it('serves the empty feed, and rejects bad feed queries with bad_request', async () => {
    const response = await fetch(`${url}/api/feed`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ items: [], nextCursor: null })

    for (const query of ['limit=abc', 'limit=0', 'limit=1000', 'cursor=not-a-cursor']) {
      const bad = await fetch(`${url}/api/feed?${query}`)
      expect(bad.status, query).toBe(400)
      expect(await bad.json(), query).toMatchObject({ error: { code: 'bad_request' } })
    }
  })

  it('pages through published reels only, newest first', async () => {
    const db = new Database(join(dataDir, 'spool.db'))
    try {
      db.prepare(
        "INSERT INTO users (id, username, password_hash, roles, created_at) VALUES ('u1', 'mia', 'x', '[]', 1)",
      ).run()
      const reel = db.prepare(
        'INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      reel.run('R1', 'u1', 'published', 'oldest #running', 15_000, 1, 1_000)
      reel.run('R2', 'u1', 'published', 'middle', 15_000, 2, 2_000)
      reel.run('R3', 'u1', 'published', 'newest', 15_000, 3, 3_000)
      reel.run('R4', 'u1', 'processing', 'not yet', 15_000, 4, null)
      reel.run('R5', 'u1', 'removed', 'gone', 15_000, 5, 5_000)

      type Feed = {
        items: { id: string; creator: { username: string }; posterUrl: string }[]
        nextCursor: string | null
      }
      const first = (await (await fetch(`${url}/api/feed?limit=2`)).json()) as Feed
      expect(first.items.map((item) => item.id)).toEqual(['R3', 'R2'])
      expect(first.items[0]).toMatchObject({
        creator: { username: 'mia' },
        caption: 'newest',
        durationMs: 15_000,
        posterUrl: `${url}/media/R3/poster.jpg`,
      })
      expect(first.nextCursor).toEqual(expect.any(String))
      const second = (await (
        await fetch(`${url}/api/feed?limit=2&cursor=${first.nextCursor}`)
      ).json()) as Feed
      expect(second).toMatchObject({ items: [{ id: 'R1' }], nextCursor: null })
    } finally {
      db.prepare('DELETE FROM reels').run()
      db.prepare('DELETE FROM users').run()
      db.close()
    }
    expect(await (await fetch(`${url}/api/feed`)).json()).toEqual({ items: [], nextCursor: null })
  })

  it('serves the viewer app at / and at its client-side routes', async () => {
    for (const path of ['/', '/r/abc', '/@mia', '/t/running', '/r/abc/']) {
      const response = await fetch(`${url}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8')
      expect(response.headers.get('cache-control'), path).toBe('no-cache')
      expect(await response.text(), path).toContain('<div id="root"></div>')
    }
    // Any other page a browser asks for also gets the app (which shows its own "not found").
    const browserish = await fetch(`${url}/some/other/page`, { headers: { accept: 'text/html,*/*' } })
    expect(browserish.status).toBe(200)
    expect(await browserish.text()).toContain('<div id="root"></div>')
    // A script asking for JSON gets the error shape instead.
    const scripted = await fetch(`${url}/some/other/page`, { headers: { accept: 'application/json' } })
    expect(scripted.status).toBe(404)
    expect(await scripted.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('serves hashed assets as immutable, with an ETag that revalidates', async () => {
    const html = await (await fetch(url)).text()
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(asset).toBeDefined()
    const response = await fetch(`${url}${asset}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const body = await response.text()
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body))

    const etag = response.headers.get('etag')!
    expect(etag).toBeTruthy()
    const again = await fetch(`${url}${asset}`, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)

    const missing = await fetch(`${url}/assets/nope-123.js`, { headers: { accept: 'text/html' } })
    expect(missing.status).toBe(404)
  })

  it('never lets a path escape the web app folder', async () => {
    const attempts = [
      '/..%2f..%2fetc/passwd',
      '/..%2f..%2f..%2f..%2f..%2fetc/passwd',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/assets/%00../package.json',
      '/.source-stamp',
    ]
    for (const path of attempts) {
      for (const accept of ['*/*', 'text/html']) {
        const response = await rawGet(url, path, { accept })
        expect(response.body, path).not.toContain('"name": "spool"')
        expect(response.body, path).not.toContain('root:x:0:0')
        expect(response.body, path).not.toMatch(/^[\d.]+$/)
        if (response.status === 200) {
          // Only ever the app's own page, never the file that was asked for.
          expect(response.body, path).toContain('<div id="root"></div>')
        } else {
          expect([400, 404], path).toContain(response.status)
          expect(JSON.parse(response.body), path).toMatchObject({ error: { code: expect.any(String) } })
        }
      }
    }
  })
})

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, closes the database and exits 0', async () => {
    const dataDir = tempDir()
    const server = await startServer(dataDir, { SPOOL_TEST_ROUTES: '1' })
    // The database is in WAL mode while the server runs.
    expect(existsSync(join(dataDir, 'spool.db-wal'))).toBe(true)

    const started = Date.now()
    const slow = fetch(`${server.ready}/api/test/slow?ms=1500`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }))
    await waitFor(() => server.output().includes('/api/test/slow'), 'the slow request to reach the server')

    let slowDone = false
    void slow.then(() => (slowDone = true))
    const exit = server.stop('SIGTERM')
    await waitFor(() => server.output().includes('no longer accepting connections'), 'shutdown to begin')
    // The listening socket closes a moment after the log line; poll briefly for the refusal.
    let refused = false
    for (let i = 0; i < 40 && !refused; i++) {
      refused = await fetch(`${server.ready}/healthz`).then(
        () => false,
        () => true,
      )
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(refused).toBe(true)
    expect(slowDone).toBe(false)

    expect(await slow).toEqual({ status: 200, body: { ok: true, sleptMs: 1500 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500)
    expect(await exit).toBe(0)

    const output = server.output()
    expect(output).toContain('shutdown: http server closed')
    expect(output).toContain('shutdown: database closed')
    const wal = join(dataDir, 'spool.db-wal')
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
    // The database is whole without its WAL: the schema is there.
    const db = new Database(join(dataDir, 'spool.db'), { readonly: true })
    expect(db.prepare('SELECT MIN(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 })
    db.close()
  })
})

describe('a shutdown that takes too long', () => {
  it('cuts off requests still running after the grace period, and still exits 0 with the database closed', async () => {
    const dataDir = tempDir()
    const server = await startServer(dataDir, { SPOOL_TEST_ROUTES: '1', SPOOL_SHUTDOWN_GRACE_MS: '300' })
    const stuck = fetch(`${server.ready}/api/test/slow?ms=20000`).then(
      (r) => r.status,
      () => 'cut off',
    )
    await waitFor(() => server.output().includes('/api/test/slow'), 'the slow request to reach the server')
    const sent = Date.now()
    expect(await server.stop('SIGTERM')).toBe(0)
    expect(Date.now() - sent).toBeLessThan(5_000)
    expect(await stuck).toBe('cut off')
    expect(server.output()).toContain('grace period over')
    expect(server.output()).toContain('shutdown: database closed')
    const wal = join(dataDir, 'spool.db-wal')
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true)
  })
})

describe('refusing to start', () => {
  it('refuses a database written by a newer Spool, with a clear message', async () => {
    const dataDir = tempDir()
    const first = await startServer(dataDir)
    expect(await first.stop()).toBe(0)

    const db = new Database(join(dataDir, 'spool.db'))
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      'from-the-future',
      new Date().toISOString(),
    )
    db.close()

    await expect(startServer(dataDir)).rejects.toThrow(
      /exited \(1\) before it was ready:[\s\S]*schema version 999[\s\S]*written by a newer Spool/,
    )
  })

  it('says clearly that PostgreSQL is not supported yet', async () => {
    await expect(
      startServer(tempDir(), { SPOOL_DATABASE_URL: 'postgres://spool:pw@localhost/spool' }),
    ).rejects.toThrow(/exited \(1\) before it was ready:[\s\S]*PostgreSQL support is not built yet/)
  })

  it('exits 2 on a bad flag or value', async () => {
    await expect(startServer(tempDir(), {}, ['--port', 'abc'])).rejects.toThrow(
      /exited \(2\) before it was ready:[\s\S]*--port must be a port number/,
    )
    await expect(startServer(tempDir(), {}, ['--colour'])).rejects.toThrow(
      /exited \(2\) before it was ready:[\s\S]*Unknown argument "--colour"/,
    )
  })
})
