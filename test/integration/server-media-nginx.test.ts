// The shipped nginx site (server/deploy/nginx.conf, rendered with test ports and paths) in front
// of the real server: nginx sends files of published reels straight from <dataDir>/media, and the
// server decides by what it puts there (server/src/media/media-tree.ts). A viewer must not be able
// to tell the difference from the server alone — content types, cache headers, byte ranges,
// conditional requests — and nginx must not become a way around the server's decision: not
// published, removed (within the site's stated delay for files nginx just served, at once for
// the rest), manifest.json, odd paths, symlinks, a crash between a removal's two steps.
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile, symlink } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removalDelaySeconds, renderNginxSite } from '../../server/deploy/render-nginx-site'
import { createMediaTree } from '../../server/src/media/media-tree'
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

describe.skipIf(!hasNginx())('media through the shipped nginx site', () => {
  let dataDir: string
  let serverPort: number
  let server: TestServer
  let nginx: RunningNginx
  let base: string
  let pkg: ReelPackage
  // Published, then removed (and restored, and removed) by the tests below.
  let doomed: ReelPackage
  let rejectedId: string

  const fileOf = (reel: ReelPackage, path: string) => readFile(join(reel.dir, ...path.split('/')))
  const sha256Etag = (reel: ReelPackage, path: string) => `"${reel.manifest.files[path]!.sha256}"`
  // The server on a fixed port, so that nginx still finds it after a restart.
  const startServer = () => startTestServer({ SPOOL_PORT: String(serverPort) }, dataDir)
  /** What a moderation action does: the same module the server uses, on the same database. */
  async function withTree<T>(act: (tree: ReturnType<typeof createMediaTree>) => Promise<T>): Promise<T> {
    const db = new Database(join(dataDir, 'spool.db'))
    try {
      return await act(createMediaTree(db, dataDir))
    } finally {
      db.close()
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spool-server-'))
    const [video, port, upstreamPort] = await Promise.all([
      ensureMedia('portrait-noaudio-3s'),
      freePort(),
      freePort(),
    ])
    serverPort = upstreamPort
    server = await startServer()
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
      renderNginxSite({ listen: `127.0.0.1:${port}`, upstream: `127.0.0.1:${serverPort}`, dataDir }),
      port,
    )
    base = `http://127.0.0.1:${port}`
  }, 180_000)
  afterAll(async () => {
    await nginx?.stop()
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(new URL(path, base), { headers, method })
  const media = (reel: ReelPackage, path: string) => `/media/${reel.manifest.reelId}/${path}`
  async function expectStatus(path: string, status: number, code?: string): Promise<void> {
    const response = await get(path)
    expect(response.status, path).toBe(status)
    if (code) expect(await response.json()).toMatchObject({ error: { code } })
    else await response.arrayBuffer()
  }
  /**
   * nginx may keep sending a file it has open for the site's stated delay (its open_file_cache),
   * then answers 410 for good. Returns how long that took, from `since`.
   */
  async function expectGoneWithinDelay(path: string, since: number): Promise<number> {
    const limitMs = (removalDelaySeconds() + 1) * 1000 + 500 // nginx counts whole seconds
    for (;;) {
      const response = await get(path)
      if (response.status !== 200) {
        expect(response.status, path).toBe(410)
        expect(await response.json()).toMatchObject({ error: { code: 'gone' } })
        break
      }
      await response.arrayBuffer()
      expect(Date.now() - since, path).toBeLessThan(limitMs)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const took = Date.now() - since
    // And for good: never a 200 again.
    for (let i = 0; i < 3; i++) await expectStatus(path, 410, 'gone')
    return took
  }

  it.each([
    ['720p/seg000.m4s', 'video/iso.segment', IMMUTABLE],
    ['720p/init.mp4', 'video/mp4', IMMUTABLE],
    ['720p/index.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['poster.jpg', 'image/jpeg', IMMUTABLE],
  ])('serves %s from disk with headers that mean what the server alone sends', async (path, type, cache) => {
    const fromServer = await fetch(new URL(media(pkg, path), server.url), { method: 'HEAD' })
    expect(fromServer.headers.get('content-type')).toBe(type)
    expect(fromServer.headers.get('cache-control')).toBe(cache)
    let firstEtag: string | null = null
    for (let i = 0; i < 2; i++) {
      const response = await get(media(pkg, path))
      const body = Buffer.from(await response.arrayBuffer())
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('cache-control')).toBe(cache)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('accept-ranges')).toBe('bytes')
      // nginx's own strong ETag (mtime-size), not the server's sha256: proof that nginx sent the
      // file itself rather than passing the server's answer on. Stable from request to request.
      const etag = response.headers.get('etag')
      expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/)
      expect(etag).not.toBe(sha256Etag(pkg, path))
      if (firstEtag) expect(etag).toBe(firstEtag)
      firstEtag = etag
      expect(body.equals(await fileOf(pkg, path))).toBe(true)
    }
    const head = await get(media(pkg, path), {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toBe(firstEtag)
    expect(Number(head.headers.get('content-length'))).toBe(pkg.manifest.files[path]!.size)
  })

  it('answers If-None-Match with 304 when the ETag matches, in any form the server accepts', async () => {
    const path = media(pkg, '720p/seg000.m4s')
    const etag = (await get(path, {}, 'HEAD')).headers.get('etag')!
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get(path, { 'if-none-match': header })
      expect(response.status, header).toBe(304)
      expect(response.headers.get('etag')).toBe(etag)
      expect(response.headers.get('cache-control')).toBe(IMMUTABLE)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      await response.arrayBuffer()
    }
    // The other mode's validator (the server's sha256) is another ETag: the whole file, once.
    for (const header of ['"an old one"', sha256Etag(pkg, '720p/seg000.m4s')]) {
      const stale = await get(path, { 'if-none-match': header })
      expect(stale.status).toBe(200)
      expect(Buffer.from(await stale.arrayBuffer()).equals(await fileOf(pkg, '720p/seg000.m4s'))).toBe(true)
    }
  })

  it('answers byte ranges with 206, honours If-Range and refuses ranges past the end with 416', async () => {
    const path = '720p/seg000.m4s'
    const whole = await fileOf(pkg, path)
    const etag = (await get(media(pkg, path), {}, 'HEAD')).headers.get('etag')!
    const part = await get(media(pkg, path), { range: 'bytes=100-1123' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${whole.length}`)
    expect(part.headers.get('content-type')).toBe('video/iso.segment')
    expect(part.headers.get('cache-control')).toBe(IMMUTABLE)
    expect(part.headers.get('etag')).toBe(etag)
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 1124))).toBe(true)

    const suffix = await get(media(pkg, path), { range: 'bytes=-10' })
    expect(suffix.status).toBe(206)
    expect(Buffer.from(await suffix.arrayBuffer()).equals(whole.subarray(whole.length - 10))).toBe(true)

    const current = await get(media(pkg, path), { range: 'bytes=0-9', 'if-range': etag })
    expect(current.status).toBe(206)
    expect(Buffer.from(await current.arrayBuffer()).equals(whole.subarray(0, 10))).toBe(true)
    // A partial copy made from other bytes: the whole file, not a piece of the wrong one.
    const stale = await get(media(pkg, path), { range: 'bytes=0-9', 'if-range': '"an old one"' })
    expect(stale.status).toBe(200)
    expect(Buffer.from(await stale.arrayBuffer()).equals(whole)).toBe(true)

    const past = await get(media(pkg, path), { range: `bytes=${whole.length}-` })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`)
    // The same JSON error as the server alone gives (nginx hands its 416 to the server).
    expect(past.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await past.json()).toMatchObject({ error: { code: 'range_not_satisfiable' } })
  })

  it('leaves unpublished and unknown reels, manifest.json and writes to the server (404, 405)', async () => {
    for (const path of [`/media/${rejectedId}/master.m3u8`, `/media/${randomReelId()}/master.m3u8`]) {
      for (let i = 0; i < 2; i++) await expectStatus(path, 404, 'not_found')
    }
    const post = await get(media(pkg, '720p/seg000.m4s'), {}, 'POST')
    expect(post.status).toBe(405)
    expect(await post.json()).toMatchObject({ error: { code: 'method_not_allowed' } })
    // On disk in the published folder, but not a file API.md lists: nginx never sends it.
    await expectStatus(media(pkg, 'manifest.json'), 404, 'not_found')
    await expectStatus(media(pkg, 'MANIFEST.JSON'), 404, 'not_found')
  })

  it('never follows a symlink in the published tree', async () => {
    const reelDir = join(dataDir, 'media', pkg.manifest.reelId)
    // A file that links elsewhere, named like a segment, and a reel folder that is a link.
    await symlink(join(reelDir, 'manifest.json'), join(reelDir, '720p', 'seg999.m4s'))
    const linkedId = randomReelId()
    await symlink(reelDir, join(dataDir, 'media', linkedId))
    try {
      for (const path of [media(pkg, '720p/seg999.m4s'), `/media/${linkedId}/720p/seg000.m4s`]) {
        const response = await get(path)
        const body = Buffer.from(await response.arrayBuffer())
        expect(response.status, path).not.toBe(200)
        expect(body.toString('utf8').includes('"reelId"'), path).toBe(false)
        expect(body.equals(await fileOf(pkg, '720p/seg000.m4s')), path).toBe(false)
      }
    } finally {
      rmSync(join(reelDir, '720p', 'seg999.m4s'))
      rmSync(join(dataDir, 'media', linkedId))
    }
  })

  it('answers 410 for a removed reel: at once for the rest, within the stated delay for files nginx has open', async () => {
    const segment = media(doomed, '360p/seg000.m4s')
    // Hot: served several times, the last one just before the removal.
    for (let i = 0; i < 5; i++) await expectStatus(segment, 200)

    expect(await withTree((tree) => tree.remove(doomed.manifest.reelId))).toBe(true)
    const removedAt = Date.now()
    // The server alone says so at once; so does nginx for every file it has not just served.
    expect((await fetch(new URL(segment, server.url))).status).toBe(410)
    for (const path of ['master.m3u8', 'poster.jpg', '360p/index.m3u8', '360p/init.mp4']) {
      await expectStatus(media(doomed, path), 410, 'gone')
    }
    await expectGoneWithinDelay(segment, removedAt)

    // Restored: served by nginx again at once, with the same bytes.
    expect(await withTree((tree) => tree.restore(doomed.manifest.reelId))).toBe(true)
    const back = await get(segment)
    expect(back.status).toBe(200)
    expect(Buffer.from(await back.arrayBuffer()).equals(await fileOf(doomed, '360p/seg000.m4s'))).toBe(true)

    expect(await withTree((tree) => tree.remove(doomed.manifest.reelId))).toBe(true)
    await expectGoneWithinDelay(segment, Date.now())
  }, 30_000)

  it('a crash between a removal and its move is repaired by the next start', async () => {
    const segment = media(pkg, '720p/seg001.m4s')
    await expectStatus(segment, 200)
    // The database says removed, the folder was never moved (the process died in between).
    const db = new Database(join(dataDir, 'spool.db'))
    try {
      db.prepare(`UPDATE reels SET status = 'removed', removed_at = ? WHERE id = ?`).run(
        Date.now(),
        pkg.manifest.reelId,
      )
    } finally {
      db.close()
    }
    await server.stop()
    server = await startServer()
    await expectGoneWithinDelay(segment, Date.now())
    await expectStatus(media(pkg, 'master.m3u8'), 410, 'gone')
    expect(existsSync(join(dataDir, 'media', pkg.manifest.reelId))).toBe(false)
    expect(existsSync(join(dataDir, 'removed', pkg.manifest.reelId, 'master.m3u8'))).toBe(true)
  }, 60_000)

  it('never serves a file the server did not approve, whatever the path looks like', async () => {
    // Both reels are removed by now; their bytes must not come out of any path.
    const removedBytes = [await fileOf(pkg, '720p/seg000.m4s'), await fileOf(doomed, '360p/seg000.m4s')]
    const a = pkg.manifest.reelId
    const b = doomed.manifest.reelId
    const cases = [
      `/media/${a}/../${a}/manifest.json`,
      `/media/${a}/%2e%2e/${a}/manifest.json`,
      `/media/${a}/720p%2F..%2F..%2F${a}%2Fmanifest.json`,
      `/media/${a}/720p/..%5c..%5cmanifest.json`,
      `/media/${a}/720p/seg000.m4s%00.json`,
      `/media/${b}/360p/seg000.m4s`,
      `/media/${a}/720p/x%2F..%2F..%2F..%2F${b}%2F360p%2Fy/../seg000.m4s`,
      `/media/${a}/720p/x/..%2F..%2F..%2F${b}/360p/seg000.m4s`,
      `/media/../removed/${b}/360p/seg000.m4s`,
      `/media/%2e%2e/removed/${b}/360p/seg000.m4s`,
      `/media/${a}/..%2F..%2Fspool.db`,
      '/removed/' + b + '/360p/seg000.m4s',
    ]
    for (const path of cases) {
      const response = await rawGet(base, path)
      for (const bytes of removedBytes) expect(response.body.equals(bytes), path).toBe(false)
      expect([400, 403, 404, 410], path).toContain(response.status)
      expect(response.body.toString('utf8').includes('"reelId"'), path).toBe(false)
      expect(response.body.toString('utf8').includes('SQLite'), path).toBe(false)
    }
  })
})
