// Uploading a reel over tus (the real tus-js-client) to the real server, and watching it come out
// as HLS: published status, content types, cache headers, ETag, byte ranges, no path tricks, and
// the refusals at upload creation (auth, ownership, reel id claims, size).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { makeReelPackage, randomReelId, type ReelPackage } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let server: TestServer
let pkg: ReelPackage
let tar: Buffer
let alice: string
let bob: string

beforeAll(async () => {
  const [started, video] = await Promise.all([startTestServer(), ensureMedia('portrait-noaudio-3s')])
  server = started
  pkg = await makeReelPackage(video, { caption: 'Morning run #running #Beach with @mia' })
  tar = await readFile(pkg.tarPath)
  alice = await register(server.url, 'alice')
  bob = await register(server.url, 'bob')
})
afterAll(async () => {
  await server?.stop()
})

const metadata = (reelId: string) => ({ reelId, filename: 'reel.tar' })
const media = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`/media/${pkg.manifest.reelId}/${path}`, server.url), { headers })

describe('a good package', () => {
  it('is uploaded with tus, published, and served byte for byte', async () => {
    const outcome = await tusUpload(server.url, tar, {
      token: alice,
      metadata: metadata(pkg.manifest.reelId),
      chunkSize: 256 * 1024,
    })
    expect(outcome).toMatchObject({ ok: true })
    const reel = await waitForReel(server.url, pkg.manifest.reelId, alice)
    expect(reel.body).toEqual({
      id: pkg.manifest.reelId,
      status: 'published',
      creator: { username: 'alice' },
      caption: 'Morning run #running #Beach with @mia',
      hashtags: ['running', 'beach'],
      durationMs: pkg.manifest.durationMs,
      posterUrl: `${server.url}/media/${pkg.manifest.reelId}/poster.jpg`,
      hlsUrl: `${server.url}/media/${pkg.manifest.reelId}/master.m3u8`,
      counts: { views: 0, likes: 0, comments: 0, shares: 0 },
      sound: { id: pkg.manifest.reelId, title: 'Original sound', creator: 'alice' },
      viewer: { liked: false, following: false },
    })
    // Anyone may see a published reel.
    expect((await api(server.url, 'GET', `/api/reels/${pkg.manifest.reelId}`)).status).toBe(200)

    for (const path of Object.keys(pkg.manifest.files)) {
      const response = await media(path)
      expect(response.status, path).toBe(200)
      const served = Buffer.from(await response.arrayBuffer())
      expect(served.equals(await readFile(join(pkg.dir, ...path.split('/')))), path).toBe(true)
    }
    // The upload file is gone once the job is done.
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(join(server.dataDir, 'uploads')).filter((name) => !name.endsWith('.json'))).toEqual([])
  })

  it.each([
    ['master.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['720p/index.m3u8', 'application/vnd.apple.mpegurl', 'public, max-age=10'],
    ['720p/init.mp4', 'video/mp4', 'public, max-age=31536000, immutable'],
    ['720p/seg000.m4s', 'video/iso.segment', 'public, max-age=31536000, immutable'],
    ['poster.jpg', 'image/jpeg', 'public, max-age=31536000, immutable'],
  ])('serves %s as %s with cache-control %s and a strong ETag', async (path, type, cache) => {
    const response = await media(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('cache-control')).toBe(cache)
    expect(response.headers.get('etag')).toBe(`"${pkg.manifest.files[path]!.sha256}"`)
    expect(Number(response.headers.get('content-length'))).toBe(pkg.manifest.files[path]!.size)
    await response.arrayBuffer()
    const again = await media(path, { 'if-none-match': response.headers.get('etag')! })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const head = await fetch(new URL(`/media/${pkg.manifest.reelId}/${path}`, server.url), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(pkg.manifest.files[path]!.size))
  })

  it('answers byte ranges with 206, and an unsatisfiable one with 416', async () => {
    const path = '720p/seg000.m4s'
    const whole = await readFile(join(pkg.dir, '720p', 'seg000.m4s'))
    const part = await media(path, { range: 'bytes=100-1123' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${whole.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 1124))).toBe(true)
    const suffix = await media(path, { range: 'bytes=-10' })
    expect(suffix.status).toBe(206)
    expect(Buffer.from(await suffix.arrayBuffer()).equals(whole.subarray(-10))).toBe(true)
    const open = await media(path, { range: `bytes=${whole.length - 5}-` })
    expect(Buffer.from(await open.arrayBuffer()).equals(whole.subarray(-5))).toBe(true)
    const bad = await media(path, { range: `bytes=${whole.length}-` })
    expect(bad.status).toBe(416)
    expect(bad.headers.get('content-range')).toBe(`bytes */${whole.length}`)
    await bad.text()
    const multi = await media(path, { range: 'bytes=0-1,5-9' })
    expect(multi.status).toBe(200)
    expect(Buffer.from(await multi.arrayBuffer()).equals(whole)).toBe(true)
  })

  it('answers 404 without leaking anything to path tricks and unknown files', async () => {
    const id = pkg.manifest.reelId
    for (const path of [
      `/media/${id}/../../spool.db`,
      `/media/${id}/%2e%2e/%2e%2e/spool.db`,
      `/media/${id}/720p/..%2F..%2Fmanifest.json`,
      `/media/${id}/manifest.json`,
      `/media/${id}/720p/seg999.m4s`,
      `/media/${id}/.%2e/x`,
      `/media/${id.toLowerCase()}/master.m3u8`,
      `/media/${randomReelId()}/master.m3u8`,
      '/media/..%2Fspool.db',
    ]) {
      const response = await fetch(new URL(path, server.url))
      const body = await response.text()
      expect(response.status, path).toBe(404)
      expect(JSON.parse(body), path).toMatchObject({ error: { code: 'not_found' } })
    }
  })
})

describe('refusals at upload creation', () => {
  const small = Buffer.alloc(2048)

  it('refuses a missing or wrong token with 401 in the API error shape', async () => {
    const none = await tusUpload(server.url, small, { metadata: metadata(randomReelId()) })
    expect(none).toMatchObject({ ok: false, status: 401 })
    expect(JSON.parse(none.body!)).toMatchObject({ error: { code: 'unauthorized' } })
    const wrong = await tusUpload(server.url, small, {
      token: 'x'.repeat(43),
      metadata: metadata(randomReelId()),
    })
    expect(wrong).toMatchObject({ ok: false, status: 401 })
    expect(JSON.parse(wrong.body!)).toMatchObject({ error: { code: 'invalid_token' } })
  })

  it('refuses another user reusing a reel id, at creation', async () => {
    const response = await tusUpload(server.url, tar, { token: bob, metadata: metadata(pkg.manifest.reelId) })
    expect(response).toMatchObject({ ok: false, status: 403 })
    expect(JSON.parse(response.body!)).toMatchObject({ error: { code: 'reel_id_taken' } })
  })

  it('refuses bad metadata and a declared size over the limit', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ filename: 'reel.tar' }, 'invalid_metadata'],
      [{ reelId: 'not-a-ulid', filename: 'reel.tar' }, 'invalid_metadata'],
      [{ reelId: randomReelId(), filename: '../../etc/passwd' }, 'invalid_metadata'],
      [{ reelId: randomReelId() }, 'invalid_metadata'],
    ]
    for (const [meta, code] of cases) {
      const response = await tusUpload(server.url, small, { token: alice, metadata: meta })
      expect(response.status, JSON.stringify(meta)).toBe(400)
      expect(JSON.parse(response.body!)).toMatchObject({ error: { code } })
    }
    const huge = await fetch(new URL('/api/uploads/', server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(300_000_000),
        'upload-metadata': `reelId ${Buffer.from(randomReelId()).toString('base64')},filename ${Buffer.from('a.tar').toString('base64')}`,
      },
    })
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await huge.json()).toMatchObject({ error: { code: 'package_too_large' } })
    const deferred = await fetch(new URL('/api/uploads/', server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice}`,
        'tus-resumable': '1.0.0',
        'upload-defer-length': '1',
        'upload-metadata': `reelId ${Buffer.from(randomReelId()).toString('base64')},filename ${Buffer.from('a.tar').toString('base64')}`,
      },
    })
    expect(deferred.status).toBe(400)
    expect(await deferred.json()).toMatchObject({ error: { code: 'upload_length_required' } })
  })

  it("refuses to let another user read, write or delete someone's upload", async () => {
    const reelId = randomReelId()
    // Start an upload and stop it after the first chunks, leaving it unfinished.
    const partial = await tusUpload(server.url, tar, {
      token: alice,
      metadata: metadata(reelId),
      chunkSize: 64 * 1024,
      abortAfterBytes: 128 * 1024,
    })
    const url = partial.url ?? ''
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(url).toMatch(/\/api\/uploads\/[0-9a-f]+$/)
    const as = (token: string | undefined, method: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method,
        headers: {
          'tus-resumable': '1.0.0',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      })
    const patch = { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }
    for (const [method, headers] of [
      ['HEAD', {}],
      ['PATCH', patch],
      ['DELETE', {}],
    ] as const) {
      const response = await as(bob, method, headers)
      expect(response.status, method).toBe(403)
      expect((await as(undefined, method, headers)).status, method).toBe(401)
    }
    const own = await as(alice, 'HEAD')
    expect(own.status).toBe(200)
    expect(Number(own.headers.get('upload-offset'))).toBeGreaterThan(0)
    // Bob may not take the reel id Alice's unfinished upload holds…
    const taken = await tusUpload(server.url, small, { token: bob, metadata: metadata(reelId) })
    expect(taken.status).toBe(403)
    // …until Alice cancels it, which releases the claim.
    expect((await as(alice, 'DELETE')).status).toBe(204)
    expect((await as(alice, 'HEAD')).status).toBe(404)
    const free = await fetch(new URL('/api/uploads/', server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bob}`,
        'tus-resumable': '1.0.0',
        'upload-length': '2048',
        'upload-metadata': `reelId ${Buffer.from(reelId).toString('base64')},filename ${Buffer.from('a.tar').toString('base64')}`,
      },
    })
    expect(free.status).toBe(201)
  })
})
