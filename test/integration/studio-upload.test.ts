// The studio's upload queue against the real server, with the real studio:web process, the real
// tus client and real crashes: sign in, a package built by the core's own encode path (renditions
// from native ffmpeg, as in studio-encode.test.ts) uploads and is published byte-identical; the core
// killed with SIGKILL mid-upload resumes from the server's offset; the server killed mid-upload
// sends the studio offline until it is back; pause/resume; cancel terminates the server's upload;
// a package corrupted after queueing is rejected by the server and the studio shows why.
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { makeReelPackage, type ReelPackage } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { eventually, startStudioWeb, type StudioWeb } from '../support/studio-web'

const PASSWORD = 'a long enough password'
let pkg: ReelPackage
let server: TestServer
let serverToken: string
const cleanup: Array<() => Promise<unknown> | unknown> = []

beforeAll(async () => {
  ;[pkg, server] = await Promise.all([
    makeReelPackage(await ensureMedia('portrait-1080x1920-audio-2s')),
    startTestServer(),
  ])
  serverToken = await register(server.url, 'maya', PASSWORD)
})

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

afterAll(async () => {
  await server?.stop()
  rmSync(join(pkg.dir, '..'), { recursive: true, force: true })
})

/** Slow, small chunks so a test can interrupt an upload in the middle. */
const SLOW = {
  SPOOL_STUDIO_UPLOAD_CHUNK_BYTES: String(16 * 1024),
  SPOOL_STUDIO_UPLOAD_CHUNK_DELAY_MS: '120',
}
const QUICK = {
  SPOOL_STUDIO_OFFLINE_PROBE_MS: '300',
  SPOOL_STUDIO_UPLOAD_POLL_MS: '200',
  SPOOL_STUDIO_UPLOAD_RETRY_MS: '300',
}

async function studioAt(dataDir: string, env: Record<string, string> = {}): Promise<StudioWeb> {
  const studio = await startStudioWeb(dataDir, { ...QUICK, ...env })
  cleanup.push(async () => {
    studio.close()
    await studio.process.stop('SIGKILL')
  })
  return studio
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-upload-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function signIn(studio: StudioWeb, serverUrl = server.url) {
  return studio.call('account.login', { serverUrl, username: 'maya', password: PASSWORD })
}

/** Import → encode (files from native ffmpeg) → finish: the core builds and checks package.tar. */
async function encodeReel(studio: StudioWeb): Promise<string> {
  const clip = readFileSync(await ensureMedia('portrait-1080x1920-audio-2s'))
  const imported = await studio.put('/import?name=clip.mp4', clip)
  expect(imported.status).toBe(201)
  const reelId = (JSON.parse(imported.body) as { id: string }).id
  await studio.call('encode.start', {
    id: reelId,
    options: { frame: 'fill', trimStartMs: 0, trimEndMs: 2000, coverMs: 1000, caption: 'Upload #test' },
  })
  const job = (await studio.call('encode.next')).job
  for (const path of Object.keys(pkg.manifest.files)) {
    const sent = await studio.put(
      `/library/${reelId}/package/${path}?job=${job.id}`,
      readFileSync(join(pkg.dir, path)),
    )
    expect(sent.status, path).toBe(201)
  }
  const renditions = pkg.manifest.renditions.map(({ name, width, height, bandwidth, codecs }) => ({
    name,
    width,
    height,
    bandwidth,
    codecs,
  }))
  const item = await studio.call('encode.finish', {
    jobId: job.id,
    durationMs: pkg.manifest.durationMs,
    renditions,
  })
  expect(item.status).toBe('queued')
  // The core hashes package.tar (its identity for tus) before the reel enters the upload queue.
  await eventually(() => uploadOf(studio, reelId), 10_000, 'the reel in the upload queue')
  return reelId
}

async function uploadOf(studio: StudioWeb, reelId: string) {
  const { items } = await studio.call('upload.list')
  return (items as Array<Record<string, any>>).find((item) => item.reelId === reelId) // eslint-disable-line @typescript-eslint/no-explicit-any
}

const waitForState = (studio: StudioWeb, reelId: string, state: string, timeoutMs = 60_000) =>
  eventually(
    async () => {
      const item = await uploadOf(studio, reelId)
      return item?.state === state ? item : undefined
    },
    timeoutMs,
    `upload ${reelId} to be ${state}`,
  )

/** The studio's own record of the tus upload URL (read from its database, as a person could). */
function storedUploadUrl(dataDir: string, reelId: string): string | null {
  const db = new Database(join(dataDir, 'studio.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (
      db
        .prepare<[string], { upload_url: string | null }>('SELECT upload_url FROM uploads WHERE reel_id = ?')
        .get(reelId)?.upload_url ?? null
    )
  } finally {
    db.close()
  }
}

async function serverOffset(url: string, base = server.url): Promise<number> {
  const response = await fetch(new URL(new URL(url).pathname, base), {
    method: 'HEAD',
    headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${serverToken}` },
  })
  expect(response.status).toBe(200)
  return Number(response.headers.get('upload-offset'))
}

function expectPublishedFiles(serverDir: string, reelId: string) {
  for (const path of Object.keys(pkg.manifest.files)) {
    expect(
      readFileSync(join(serverDir, 'media', reelId, path)).equals(readFileSync(join(pkg.dir, path))),
      path,
    ).toBe(true)
  }
}

async function expectPublished(studio: StudioWeb, reelId: string, base = server.url) {
  const done = await waitForState(studio, reelId, 'published')
  expect(done.publishedUrl).toBe(`${base}/r/${reelId}`)
  expect((await studio.call('library.get', { id: reelId })).status).toBe('published')
  const reel = await api(base, 'GET', `/api/reels/${reelId}`)
  expect(reel.body).toMatchObject({ id: reelId, status: 'published', caption: 'Upload #test' })
}

describe('studio: account', () => {
  it('signs in with the right password, refuses a wrong one in plain words, and signs out', async () => {
    const studio = await studioAt(newDataDir())
    expect(await studio.call('account.get')).toMatchObject({ username: null, connection: 'signed-out' })
    const wrong = await studio
      .call('account.login', { serverUrl: server.url, username: 'maya', password: 'not the password' })
      .catch((error: { rpc: unknown }) => error.rpc)
    expect(wrong).toEqual({ code: 'invalid_credentials', message: 'The username or password is wrong.' })
    const unreachable = await studio
      .call('account.login', { serverUrl: 'http://127.0.0.1:9', username: 'maya', password: PASSWORD })
      .catch((error: { rpc: unknown }) => error.rpc)
    expect(unreachable).toMatchObject({ code: 'server_unreachable' })
    const account = await signIn(studio)
    expect(account).toEqual({
      serverUrl: server.url,
      username: 'maya',
      connection: 'online',
      tokenStorage: 'plaintext',
    })
    expect(studio.events).toContainEqual({ name: 'account.changed', payload: account })
    expect((await studio.call('account.logout')).username).toBeNull()
  })
})

describe('studio: upload queue', () => {
  it('uploads a queued package once signed in; the reel is published byte-identical', async () => {
    const studio = await studioAt(newDataDir())
    const reelId = await encodeReel(studio)
    // Not signed in: it waits in the queue.
    expect(await uploadOf(studio, reelId)).toMatchObject({ state: 'queued', bytesSent: 0 })
    await signIn(studio)
    await expectPublished(studio, reelId)
    expectPublishedFiles(server.dataDir, reelId)
    expect(
      studio.events.some((event) => event.name === 'upload.progress' && event.payload.reelId === reelId),
    ).toBe(true)
  })

  it('resumes from the server offset after the studio core is killed mid-upload', async () => {
    const dataDir = newDataDir()
    let studio = await studioAt(dataDir, SLOW)
    await signIn(studio)
    const reelId = await encodeReel(studio)
    const total = (await uploadOf(studio, reelId))!.bytesTotal as number
    await eventually(
      () => studio.events.some((e) => e.name === 'upload.progress' && e.payload.bytesSent > total / 4),
      60_000,
      'a quarter of the upload',
    )
    expect(await studio.process.stop('SIGKILL')).toBe('SIGKILL')
    const url = storedUploadUrl(dataDir, reelId)!
    const offset = await serverOffset(url)
    expect(offset).toBeGreaterThan(0)
    expect(offset).toBeLessThan(total)

    studio = await studioAt(dataDir, SLOW)
    await expectPublished(studio, reelId)
    // Same tus upload, continued: the first progress after the restart starts at the server's offset.
    const first = studio.events.find((e) => e.name === 'upload.progress' && e.payload.reelId === reelId)
    expect(first!.payload.bytesSent).toBeGreaterThanOrEqual(offset)
    expect(storedUploadUrl(dataDir, reelId)).toBe(url)
    expectPublishedFiles(server.dataDir, reelId)
  })

  it('goes offline when the server is killed mid-upload, and finishes when it is back', async () => {
    const serverDir = newDataDir()
    let own = await startTestServer({}, serverDir)
    cleanup.push(() => own.process.stop('SIGKILL'))
    const port = new URL(own.url).port
    await register(own.url, 'maya', PASSWORD)
    const studio = await studioAt(newDataDir(), SLOW)
    await signIn(studio, own.url)
    const reelId = await encodeReel(studio)
    const total = (await uploadOf(studio, reelId))!.bytesTotal as number
    await eventually(
      () => studio.events.some((e) => e.name === 'upload.progress' && e.payload.bytesSent > total / 4),
      60_000,
      'a quarter of the upload',
    )
    await own.process.stop('SIGKILL')
    const waiting = await eventually(
      async () => {
        const item = await uploadOf(studio, reelId)
        return item?.lastError?.startsWith('Offline') ? item : undefined
      },
      30_000,
      'the upload to wait offline',
    )
    expect(waiting.state).toBe('queued')
    expect((await studio.call('account.get')).connection).toBe('offline')

    own = await startTestServer({ SPOOL_PORT: port }, serverDir)
    await expectPublished(studio, reelId, own.url)
    expectPublishedFiles(serverDir, reelId)
    expect((await studio.call('account.get')).connection).not.toBe('offline')
  })

  it('pauses and resumes an upload, and cancel removes it from the server', async () => {
    const dataDir = newDataDir()
    const studio = await studioAt(dataDir, SLOW)
    await signIn(studio)
    const reelId = await encodeReel(studio)
    await eventually(() => storedUploadUrl(dataDir, reelId), 30_000, 'the upload to start')
    const paused = await studio.call('upload.pause', { id: reelId })
    expect(paused.state).toBe('paused')
    const url = storedUploadUrl(dataDir, reelId)!
    const offset = await serverOffset(url)
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await serverOffset(url)).toBe(offset)
    expect((await studio.call('upload.resume', { id: reelId })).state).toBe('queued')
    await eventually(async () => (await serverOffset(url)) > offset, 30_000, 'bytes after resume')

    const cancelled = await studio.call('upload.cancel', { id: reelId })
    expect(cancelled.state).toBe('cancelled')
    const head = await fetch(new URL(new URL(url).pathname, server.url), {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${serverToken}` },
    })
    expect([404, 410], studio.process.output()).toContain(head.status)
    expect((await studio.call('library.get', { id: reelId })).status).toBe('draft')
  })

  it('shows the server rejection reason for a package corrupted after queueing', async () => {
    const dataDir = newDataDir()
    const studio = await studioAt(dataDir)
    const reelId = await encodeReel(studio)
    // Flip bytes inside one media segment: same size, wrong sha256.
    const tarPath = join(dataDir, 'library', reelId, 'package.tar')
    const tar = readFileSync(tarPath)
    const segment = readFileSync(join(pkg.dir, '720p', 'seg000.m4s'))
    const at = tar.indexOf(segment) + Math.floor(segment.length / 2)
    expect(at).toBeGreaterThan(segment.length / 2)
    for (let i = 0; i < 64; i++) tar[at + i] = tar[at + i]! ^ 0xff
    writeFileSync(tarPath, tar)
    await signIn(studio)
    const rejected = await waitForState(studio, reelId, 'rejected')
    expect(rejected.rejectCode).toBe('checksum_mismatch')
    expect(rejected.rejectMessage).toMatch(/sha256/)
    const item = await studio.call('library.get', { id: reelId })
    expect(item).toMatchObject({ status: 'rejected', rejectReason: rejected.rejectMessage })
  })
})
