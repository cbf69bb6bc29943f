// SPOOL_MEDIA_ACCEL=nginx behind the shipped nginx site (server/deploy/nginx.conf, rendered with
// test ports and paths): the server decides, nginx sends the bytes. A viewer must not be able to
// tell the difference — same content type, cache headers, ETag, byte ranges — and nginx must not
// become a way around the server's decision (unpublished reels, the internal location).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderNginxSite } from '../../server/deploy/render-nginx-site'
import { ensureMedia } from '../support/media'
import { freePort, hasNginx, startNginx, type RunningNginx } from '../support/nginx'
import { makeReelPackage, randomReelId, type ReelPackage } from '../support/reel-package'
import { register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

describe.skipIf(!hasNginx())('media through nginx (X-Accel-Redirect)', () => {
  let server: TestServer
  let nginx: RunningNginx
  let base: string
  let pkg: ReelPackage
  let rejectedId: string

  beforeAll(async () => {
    const [started, video, port] = await Promise.all([
      startTestServer({ SPOOL_MEDIA_ACCEL: 'nginx' }),
      ensureMedia('portrait-noaudio-3s'),
      freePort(),
    ])
    server = started
    pkg = await makeReelPackage(video, { caption: 'through nginx' })
    const token = await register(server.url, 'alice')
    const published = await tusUpload(server.url, await readFile(pkg.tarPath), {
      token,
      metadata: { reelId: pkg.manifest.reelId, filename: 'reel.tar' },
    })
    expect(published).toMatchObject({ ok: true })
    // A reel that exists but is not published: its package is not a tar at all.
    rejectedId = randomReelId()
    const rejected = await tusUpload(server.url, Buffer.alloc(4096, 1), {
      token,
      metadata: { reelId: rejectedId, filename: 'reel.tar' },
    })
    expect(rejected).toMatchObject({ ok: true })
    expect((await waitForReel(server.url, pkg.manifest.reelId, token)).body.status).toBe('published')
    expect((await waitForReel(server.url, rejectedId, token)).body.status).toBe('rejected')

    const site = renderNginxSite({
      listen: `127.0.0.1:${port}`,
      upstream: new URL(server.url).host,
      dataDir: server.dataDir,
    })
    nginx = await startNginx(site, port)
    base = `http://127.0.0.1:${port}`
  }, 120_000)
  afterAll(async () => {
    await nginx?.stop()
    await server?.stop()
  })

  const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, base), { headers })

  it.each([
    ['720p/seg000.m4s', 'video/iso.segment', 'public, max-age=31536000, immutable'],
    ['720p/init.mp4', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
  ])('serves %s with the same headers as the server alone', async (path, type, cache) => {
    const response = await get(`/media/${pkg.manifest.reelId}/${path}`)
    const body = Buffer.from(await response.arrayBuffer())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('cache-control')).toBe(cache)
    expect(response.headers.get('etag')).toBe(`"${pkg.manifest.files[path]!.sha256}"`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-accel-redirect')).toBeNull()
    expect(response.headers.get('server')).toMatch(/nginx/)
    expect(body.equals(await readFile(join(pkg.dir, ...path.split('/'))))).toBe(true)
    // The server alone would have answered with the same validator, which nginx passes on.
    const again = await get(`/media/${pkg.manifest.reelId}/${path}`, {
      'if-none-match': response.headers.get('etag')!,
    })
    expect(again.status).toBe(304)
    await again.arrayBuffer()
  })

  it('answers a byte range with 206', async () => {
    const whole = await readFile(join(pkg.dir, '720p', 'seg000.m4s'))
    const part = await get(`/media/${pkg.manifest.reelId}/720p/seg000.m4s`, { range: 'bytes=100-1123' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${whole.length}`)
    expect(part.headers.get('content-type')).toBe('video/iso.segment')
    expect(part.headers.get('etag')).toBe(`"${pkg.manifest.files['720p/seg000.m4s']!.sha256}"`)
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 1124))).toBe(true)
  })

  it('answers 404 for a reel that is not published or does not exist', async () => {
    for (const id of [rejectedId, randomReelId()]) {
      const response = await get(`/media/${id}/master.m3u8`)
      expect(response.status, id).toBe(404)
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } })
    }
  })

  it('refuses direct access to the internal location', async () => {
    for (const path of ['720p/seg000.m4s', 'master.m3u8', 'manifest.json']) {
      const response = await get(`/_spool_media/${pkg.manifest.reelId}/${path}`)
      expect(response.status, path).toBe(404)
      await response.arrayBuffer()
    }
  })
})
