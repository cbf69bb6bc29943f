// The ingest's less travelled paths, on a server with small limits: the per-user upload quota,
// unfinished uploads expiring on the cleanup timer (file gone, quota and reel id claim released),
// and one creator sending the same reel twice at once (then removed, past the hot-file cache).
import Database from 'better-sqlite3'
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { makeReelPackage, randomReelId } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

const EXPIRY_MS = 2000
let server: TestServer

beforeAll(async () => {
  server = await startTestServer({
    SPOOL_MAX_UNFINISHED_UPLOADS: '2',
    SPOOL_MAX_UNFINISHED_BYTES: '10000000',
    SPOOL_UPLOAD_EXPIRY_MS: String(EXPIRY_MS),
    SPOOL_UPLOAD_CLEANUP_INTERVAL_MS: '200',
  })
})
afterAll(async () => {
  await server?.stop()
})

const encode = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',')

/** tus creation only (POST): an upload that exists and has received nothing. */
function create(token: string, reelId: string, size: number) {
  return fetch(new URL('/api/uploads/', server.url), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'tus-resumable': '1.0.0',
      'upload-length': String(size),
      'upload-metadata': encode({ reelId, filename: 'reel.tar' }),
    },
  })
}

function tus(url: string, token: string, method: string) {
  return fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } })
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the unfinished-upload quota', () => {
  it('refuses a third unfinished upload, and counts a cancelled one out', async () => {
    const token = await register(server.url, 'quinn')
    const first = await create(token, randomReelId(), 1000)
    const second = await create(token, randomReelId(), 1000)
    expect([first.status, second.status]).toEqual([201, 201])
    const third = await create(token, randomReelId(), 1000)
    expect(third.status).toBe(403)
    expect(third.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await third.json()).toMatchObject({ error: { code: 'quota_exceeded' } })
    // Another account has its own quota.
    expect((await create(await register(server.url, 'other'), randomReelId(), 1000)).status).toBe(201)
    // Cancelling one frees its place.
    const url = new URL(first.headers.get('location')!, server.url).href
    expect((await tus(url, token, 'DELETE')).status).toBe(204)
    expect((await create(token, randomReelId(), 1000)).status).toBe(201)
  })

  it('refuses uploads whose declared sizes add up to more than the byte quota', async () => {
    const token = await register(server.url, 'bytes')
    expect((await create(token, randomReelId(), 6_000_000)).status).toBe(201)
    const over = await create(token, randomReelId(), 5_000_000)
    expect(over.status).toBe(403)
    expect(await over.json()).toMatchObject({ error: { code: 'quota_exceeded' } })
    expect((await create(token, randomReelId(), 4_000_000)).status).toBe(201)
  })

  it('counts a completed upload out of the quota', async () => {
    const token = await register(server.url, 'finisher')
    for (let i = 0; i < 3; i++) {
      // Not a package, so the worker rejects each; what matters is that each completes.
      const done = await tusUpload(server.url, Buffer.alloc(2048, i), {
        token,
        metadata: { reelId: randomReelId(), filename: 'reel.tar' },
      })
      expect(done, `upload ${i}`).toMatchObject({ ok: true })
    }
  })
})

describe('expiry', () => {
  it('deletes an unfinished upload on the timer and releases its reel id and quota', async () => {
    const alice = await register(server.url, 'alice')
    const bob = await register(server.url, 'bob')
    const reelId = randomReelId()
    const partial = await tusUpload(server.url, Buffer.alloc(64 * 1024, 7), {
      token: alice,
      metadata: { reelId, filename: 'reel.tar' },
      chunkSize: 16 * 1024,
      abortAfterBytes: 16 * 1024,
    })
    expect(partial.aborted).toBe(true)
    const url = partial.url!
    const uploadFile = join(server.dataDir, 'uploads', url.split('/').pop()!)
    expect(existsSync(uploadFile)).toBe(true)
    const second = await create(alice, randomReelId(), 1000)
    expect(second.status).toBe(201)
    // Alice is at her quota and Bob cannot take her reel id while the upload lives.
    expect((await create(alice, randomReelId(), 1000)).status).toBe(403)
    expect((await create(bob, reelId, 1000)).status).toBe(403)

    await until('the expired upload to be cleaned up', async () => !existsSync(uploadFile), EXPIRY_MS + 5000)
    // Its row goes in the same pass; the claim with it.
    await until('the reel id to be free', async () => (await create(bob, reelId, 1000)).status === 201)
    const head = await tus(url, alice, 'HEAD')
    expect([404, 410]).toContain(head.status)
    // Both of Alice's uploads expired, so her quota is free again.
    expect((await create(alice, randomReelId(), 1000)).status).toBe(201)
    expect(
      readdirSync(join(server.dataDir, 'uploads')).some((name) => name.startsWith(url.split('/').pop()!)),
    ).toBe(false)
  })
})

describe('the same reel sent twice at once by its creator', () => {
  it('accepts both uploads, publishes the reel once, and serves one whole package', async () => {
    const token = await register(server.url, 'twice')
    const pkg = await makeReelPackage(await ensureMedia('portrait-noaudio-3s'), { caption: 'sent twice' })
    const tar = await readFile(pkg.tarPath)
    const metadata = { reelId: pkg.manifest.reelId, filename: 'reel.tar' }
    // Small chunks so that the two uploads really interleave.
    const outcomes = await Promise.all([
      tusUpload(server.url, tar, { token, metadata, chunkSize: 64 * 1024 }),
      tusUpload(server.url, tar, { token, metadata, chunkSize: 64 * 1024 }),
    ])
    expect(
      outcomes.map((o) => o.ok),
      JSON.stringify(outcomes),
    ).toEqual([true, true])
    expect(outcomes[0]!.url).not.toBe(outcomes[1]!.url)
    const reel = await waitForReel(server.url, pkg.manifest.reelId, token)
    expect(reel.body).toMatchObject({ status: 'published', caption: 'sent twice' })
    for (const path of Object.keys(pkg.manifest.files)) {
      const response = await fetch(new URL(`/media/${pkg.manifest.reelId}/${path}`, server.url))
      expect(response.status, path).toBe(200)
      const served = Buffer.from(await response.arrayBuffer())
      expect(served.equals(await readFile(join(pkg.dir, ...path.split('/')))), path).toBe(true)
    }
    // Both jobs ran (one published, one was dropped) and neither left its upload file behind.
    await until('both upload files to be removed', async () =>
      readdirSync(join(server.dataDir, 'uploads')).every(
        (name) => !outcomes.some((o) => o.url!.endsWith(`/${name.replace(/\.json$/, '')}`)),
      ),
    )
    // A third attempt, now that it is published, is refused: a published reel cannot be replaced.
    const again = await tusUpload(server.url, tar, { token, metadata })
    expect(again).toMatchObject({ ok: false, status: 403 })
    expect(JSON.parse(again.body!)).toMatchObject({ error: { code: 'reel_id_taken' } })
    expect((await api(server.url, 'GET', `/api/reels/${pkg.manifest.reelId}`)).body.status).toBe('published')

    // Its segments were just served, so they sit in the server's hot-file cache; a removal by
    // moderation (written straight to the database here: there is no moderation API yet) must
    // still take effect on the next request.
    const db = new Database(join(server.dataDir, 'spool.db'))
    try {
      db.prepare(`UPDATE reels SET status = 'removed' WHERE id = ?`).run(pkg.manifest.reelId)
    } finally {
      db.close()
    }
    const gone = await fetch(new URL(`/media/${pkg.manifest.reelId}/720p/seg000.m4s`, server.url))
    expect(gone.status).toBe(410)
    expect(await gone.json()).toMatchObject({ error: { code: 'gone' } })
  })
})
