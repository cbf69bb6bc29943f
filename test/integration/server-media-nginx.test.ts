// SPOOL_MEDIA_ACCEL=nginx behind the shipped nginx site (server/deploy/nginx.conf, rendered with
// test ports and paths): the server decides, nginx caches the decision for a few seconds and
// sends the bytes. A viewer must not be able to tell the difference — same content type, cache
// headers, ETag, byte ranges, conditional requests — and nginx must not become a way around the
// server's decision (unpublished and removed reels, odd paths, the internal locations).
import Database from 'better-sqlite3'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaAccessSeconds, renderNginxSite } from '../../server/deploy/render-nginx-site'
import { ensureMedia } from '../support/media'
import { freePort, hasNginx, startNginx, type RunningNginx } from '../support/nginx'
import { makeReelPackage, randomReelId, type ReelPackage } from '../support/reel-package'
import { register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

const IMMUTABLE = 'public, max-age=31536000, immutable'

/** A GET whose path is sent exactly as written (fetch would resolve dot segments first). */
function rawGet(base: string, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(base), { path }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe.skipIf(!hasNginx())('media through nginx (cached server decisions)', () => {
  let server: TestServer
  let nginx: RunningNginx
  let base: string
  let pkg: ReelPackage
  // Published, and removed by a test below.
  let doomed: ReelPackage
  let rejectedId: string

  const fileOf = (reel: ReelPackage, path: string) => readFile(join(reel.dir, ...path.split('/')))
  const etagOf = (reel: ReelPackage, path: string) => `"${reel.manifest.files[path]!.sha256}"`

  beforeAll(async () => {
    const [started, video, port] = await Promise.all([
      startTestServer({ SPOOL_MEDIA_ACCEL: 'nginx' }),
      ensureMedia('portrait-noaudio-3s'),
      freePort(),
    ])
    server = started
    pkg = await makeReelPackage(video, { caption: 'through nginx' })
    doomed = await makeReelPackage(video, { caption: 'to be removed', renditions: ['360p'] })
    const token = await register(server.url, 'alice')
    for (const reel of [pkg, doomed]) {
      const published = await tusUpload(server.url, await readFile(reel.tarPath), {
        token,
        metadata: { reelId: reel.manifest.reelId, filename: 'reel.tar' },
      })
      expect(published).toMatchObject({ ok: true })
      expect((await waitForReel(server.url, reel.manifest.reelId, token)).body.status).toBe('published')
    }
    // A reel that exists but is not published: its package is not a tar at all.
    rejectedId = randomReelId()
    const rejected = await tusUpload(server.url, Buffer.alloc(4096, 1), {
      token,
      metadata: { reelId: rejectedId, filename: 'reel.tar' },
    })
    expect(rejected).toMatchObject({ ok: true })
    expect((await waitForReel(server.url, rejectedId, token)).body.status).toBe('rejected')

    nginx = await startNginx(
      (dir) =>
        renderNginxSite({
          listen: `127.0.0.1:${port}`,
          upstream: new URL(server.url).host,
          dataDir: server.dataDir,
          cacheDir: join(dir, 'spool-cache'),
        }),
      port,
    )
    base = `http://127.0.0.1:${port}`
  }, 180_000)
  afterAll(async () => {
    await nginx?.stop()
    await server?.stop()
  })

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new URL(path, base), { headers, method })
  const media = (reel: ReelPackage, path: string) => `/media/${reel.manifest.reelId}/${path}`

  it.each([
    ['720p/seg000.m4s', 'video/iso.segment', IMMUTABLE],
    ['720p/init.mp4', 'video/mp4', IMMUTABLE],
    ['720p/index.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['poster.jpg', 'image/jpeg', IMMUTABLE],
  ])('serves %s with the same headers as the server alone', async (path, type, cache) => {
    const fromServer = await fetch(new URL(media(pkg, path), server.url), { method: 'HEAD' })
    // Twice: the first asks the server, the second is answered from nginx's cached decision.
    for (let i = 0; i < 2; i++) {
      const response = await get(media(pkg, path))
      const body = Buffer.from(await response.arrayBuffer())
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('cache-control')).toBe(cache)
      expect(response.headers.get('etag')).toBe(etagOf(pkg, path))
      expect(response.headers.get('etag')).toBe(fromServer.headers.get('etag'))
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-accel-redirect')).toBeNull()
      expect(response.headers.get('server')).toMatch(/nginx/)
      expect(body.equals(await fileOf(pkg, path))).toBe(true)
    }
    const head = await get(media(pkg, path), {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toBe(etagOf(pkg, path))
    expect(Number(head.headers.get('content-length'))).toBe(pkg.manifest.files[path]!.size)
  })

  it('answers If-None-Match with 304 when the ETag matches, in any form the server accepts', async () => {
    const etag = etagOf(pkg, '720p/seg000.m4s')
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get(media(pkg, '720p/seg000.m4s'), { 'if-none-match': header })
      expect(response.status, header).toBe(304)
      expect(response.headers.get('etag')).toBe(etag)
      expect(response.headers.get('cache-control')).toBe(IMMUTABLE)
      await response.arrayBuffer()
    }
    const stale = await get(media(pkg, '720p/seg000.m4s'), { 'if-none-match': '"an old one"' })
    expect(stale.status).toBe(200)
    expect(Buffer.from(await stale.arrayBuffer()).equals(await fileOf(pkg, '720p/seg000.m4s'))).toBe(true)
  })

  it('answers byte ranges with 206, honours If-Range and refuses ranges past the end with 416', async () => {
    const path = '720p/seg000.m4s'
    const whole = await fileOf(pkg, path)
    const part = await get(media(pkg, path), { range: 'bytes=100-1123' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${whole.length}`)
    expect(part.headers.get('content-type')).toBe('video/iso.segment')
    expect(part.headers.get('etag')).toBe(etagOf(pkg, path))
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 1124))).toBe(true)

    const current = await get(media(pkg, path), { range: 'bytes=0-9', 'if-range': etagOf(pkg, path) })
    expect(current.status).toBe(206)
    expect(Buffer.from(await current.arrayBuffer()).equals(whole.subarray(0, 10))).toBe(true)
    // A partial copy made from other bytes: the whole file, not a piece of the wrong one.
    const stale = await get(media(pkg, path), { range: 'bytes=0-9', 'if-range': '"an old one"' })
    expect(stale.status).toBe(200)
    expect(Buffer.from(await stale.arrayBuffer()).equals(whole)).toBe(true)

    const past = await get(media(pkg, path), { range: `bytes=${whole.length}-` })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`)
    await past.arrayBuffer()
  })

  it('answers 404 for a reel that is not published or does not exist, for files outside the package, 405 for writes', async () => {
    for (const path of [`/media/${rejectedId}/master.m3u8`, `/media/${randomReelId()}/master.m3u8`]) {
      // Twice: a "no" must not be cached as anything else.
      for (let i = 0; i < 2; i++) {
        const response = await get(path)
        expect(response.status, path).toBe(404)
        expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
      }
    }
    const post = await get(media(pkg, '720p/seg000.m4s'), {}, 'POST')
    expect(post.status).toBe(405)
    expect(await post.json()).toMatchObject({ error: { code: 'method_not_allowed' } })
    // On disk in the reel's folder, but not one of the package's listed media files.
    const manifest = await get(media(pkg, 'manifest.json'))
    expect(manifest.status).toBe(404)
    await manifest.arrayBuffer()
  })

  it('refuses direct access to the internal locations', async () => {
    for (const path of [
      `/_spool_media/${pkg.manifest.reelId}/720p/seg000.m4s`,
      `/_spool_media/${pkg.manifest.reelId}/manifest.json`,
      '/_spool_media_access',
      '/_spool_media_denied',
    ]) {
      const response = await get(path)
      expect(response.status, path).toBeGreaterThanOrEqual(400)
      expect(response.status, path).toBeLessThan(500)
      await response.arrayBuffer()
    }
  })

  it('answers 410 for a removed reel within the stated delay', async () => {
    const path = media(doomed, '360p/seg000.m4s')
    const cachedAt = Date.now()
    const before = await get(path)
    expect(before.status).toBe(200)
    await before.arrayBuffer()

    const db = new Database(join(server.dataDir, 'spool.db'))
    try {
      db.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(doomed.manifest.reelId)
    } finally {
      db.close()
    }
    const removedAt = Date.now()
    const seconds = mediaAccessSeconds()
    // The server itself knows at once; nginx still trusts its cached "yes" for a while — which
    // is what makes it fast, so it is checked here too (when the machine was quick enough to ask
    // within that window).
    expect((await fetch(new URL(path, server.url))).status).toBe(410)
    const soon = await get(path)
    await soon.arrayBuffer()
    if (Date.now() - cachedAt < (seconds - 1) * 1000) expect(soon.status).toBe(200)

    let gone: Response
    for (;;) {
      gone = await get(path)
      if (gone.status !== 200) break
      await gone.arrayBuffer()
      // nginx counts whole seconds, so the stated delay can run up to a second over.
      expect(Date.now() - removedAt).toBeLessThan((seconds + 1.5) * 1000)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(gone.status).toBe(410)
    expect(await gone.json()).toMatchObject({ error: { code: 'gone' } })
    // Every file of the reel, not only the one that was cached.
    const playlist = await get(media(doomed, 'master.m3u8'))
    expect(playlist.status).toBe(410)
    await playlist.arrayBuffer()
  }, 30_000)

  it('never serves a file the server did not approve, whatever the path looks like', async () => {
    const approved = await fileOf(pkg, '720p/seg000.m4s')
    const removed = await fileOf(doomed, '360p/seg000.m4s')
    const a = pkg.manifest.reelId
    const b = doomed.manifest.reelId
    const cases = [
      `/media/${a}/../${a}/manifest.json`,
      `/media/${a}/%2e%2e/${a}/manifest.json`,
      `/media/${a}/720p%2F..%2F..%2F${a}%2Fmanifest.json`,
      `/media/${a}/720p/..%5c..%5cmanifest.json`,
      `/media/${a}/720p/seg000.m4s%00.json`,
      `/media/${b}/360p/seg000.m4s`,
      // nginx and the server resolve %2F differently: nginx reads this as the removed reel's
      // segment, the server as the published one's. Whatever the answer, never the removed bytes.
      `/media/${a}/720p/x%2F..%2F..%2F..%2F${b}%2F360p%2Fy/../seg000.m4s`,
      `/media/${a}/720p/x/..%2F..%2F..%2F${b}/360p/seg000.m4s`,
    ]
    for (const path of cases) {
      const response = await rawGet(base, path)
      expect(response.body.equals(removed), path).toBe(false)
      if (response.status === 200) expect(response.body.equals(approved), path).toBe(true)
      else expect([400, 404, 410], path).toContain(response.status)
      expect(response.body.toString('utf8').includes('"reelId"'), path).toBe(false)
    }
  })
})
