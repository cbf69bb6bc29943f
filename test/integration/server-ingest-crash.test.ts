// Crashes around ingest, on the real server: killed with SIGKILL in the middle of an upload (the
// client resumes from the stored URL after a restart), and killed between the steps of a publish
// (a pending job, a leftover staging dir and a half-placed media dir found at start-up).
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureMedia } from '../support/media'
import { makeReelPackage, randomReelId, type ReelPackage } from '../support/reel-package'
import { api, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let pkg: ReelPackage
let tar: Buffer
const servers: TestServer[] = []
const dirs: string[] = []

beforeAll(async () => {
  pkg = await makeReelPackage(await ensureMedia('portrait-15s'), { renditions: ['720p'] })
  tar = await readFile(pkg.tarPath)
})
afterAll(async () => {
  for (const server of servers) await server.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function start(dataDir: string, port = '0'): Promise<TestServer> {
  const server = await startTestServer({ SPOOL_PORT: port }, dataDir)
  servers.push(server)
  return server
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-crash-'))
  dirs.push(dir)
  return dir
}

async function registerUser(base: string, username: string): Promise<{ token: string; id: string }> {
  const response = await api(base, 'POST', '/api/auth/register', {
    body: { username, password: 'a long enough password' },
  })
  return { token: response.body.token, id: response.body.user.id }
}

async function expectServedAsPackaged(base: string, reelId: string): Promise<void> {
  for (const path of Object.keys(pkg.manifest.files)) {
    const served = Buffer.from(await (await fetch(new URL(`/media/${reelId}/${path}`, base))).arrayBuffer())
    expect(served.equals(await readFile(join(pkg.dir, ...path.split('/')))), path).toBe(true)
  }
}

describe('crash safety', () => {
  it('resumes an upload after the server was killed with SIGKILL mid-upload', async () => {
    expect(tar.length).toBeGreaterThan(1024 * 1024)
    const dataDir = newDataDir()
    const first = await start(dataDir)
    const port = new URL(first.url).port
    const { token } = await registerUser(first.url, 'erin')
    const reelId = pkg.manifest.reelId

    let killed = false
    const interrupted = await tusUpload(first.url, tar, {
      token,
      metadata: { reelId, filename: 'reel.tar' },
      chunkSize: 256 * 1024,
      onProgress: (sent) => {
        if (!killed && sent > tar.length / 3) {
          killed = true
          first.process.child.kill('SIGKILL')
        }
      },
    })
    expect(interrupted.ok).toBe(false)
    expect(interrupted.url).toMatch(/\/api\/uploads\/[0-9a-f]+$/)

    const second = await start(dataDir, port)
    expect(second.url).toBe(first.url)
    const head = await fetch(interrupted.url!, {
      method: 'HEAD',
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` },
    })
    expect(head.status).toBe(200)
    const offset = Number(head.headers.get('upload-offset'))
    expect(offset).toBeGreaterThan(0)
    expect(offset).toBeLessThan(tar.length)

    const resumed = await tusUpload(second.url, tar, {
      token,
      metadata: { reelId, filename: 'reel.tar' },
      chunkSize: 256 * 1024,
      uploadUrl: interrupted.url!,
    })
    expect(resumed).toMatchObject({ ok: true, url: interrupted.url })
    expect((await waitForReel(second.url, reelId, token)).body.status).toBe('published')
    await expectServedAsPackaged(second.url, reelId)
  })

  it('finishes a pending job at start-up and removes what a crash left half done', async () => {
    const dataDir = newDataDir()
    const first = await start(dataDir)
    const user = await registerUser(first.url, 'frank')
    await first.stop()

    // The state a SIGKILL between "staging renamed into media" and "database commit" leaves: the
    // job still pending with its upload file, a staging dir of another attempt, a partial media
    // dir for the reel, and a media dir of a reel that never got a row.
    const reelId = pkg.manifest.reelId
    const uploadId = 'c0ffee'.padEnd(32, '0')
    mkdirSync(join(dataDir, 'uploads'), { recursive: true })
    writeFileSync(join(dataDir, 'uploads', uploadId), tar)
    writeFileSync(
      join(dataDir, 'uploads', `${uploadId}.json`),
      JSON.stringify({
        id: uploadId,
        size: tar.length,
        offset: 0,
        metadata: { reelId, spoolUserId: user.id },
      }),
    )
    mkdirSync(join(dataDir, 'staging', `${reelId}-abc123`, '720p'), { recursive: true })
    writeFileSync(join(dataDir, 'staging', `${reelId}-abc123`, '720p', 'seg000.m4s'), 'partial')
    mkdirSync(join(dataDir, 'media', reelId), { recursive: true })
    writeFileSync(join(dataDir, 'media', reelId, 'master.m3u8'), 'half written')
    const orphan = randomReelId()
    mkdirSync(join(dataDir, 'media', orphan), { recursive: true })
    const db = new Database(join(dataDir, 'spool.db'))
    const now = Date.now()
    db.prepare('INSERT INTO reel_claims (reel_id, user_id, created_at) VALUES (?, ?, ?)').run(
      reelId,
      user.id,
      now,
    )
    db.prepare(
      `INSERT INTO ingest_uploads (upload_id, reel_id, user_id, size, state, created_at, completed_at)
        VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
    ).run(uploadId, reelId, user.id, tar.length, now, now)
    db.prepare(`INSERT INTO reels (id, creator_id, status, created_at) VALUES (?, ?, 'processing', ?)`).run(
      reelId,
      user.id,
      now,
    )
    db.close()

    const second = await start(dataDir)
    // Nothing half-made is served while the job runs again.
    const early = await fetch(new URL(`/media/${reelId}/master.m3u8`, second.url))
    expect([404, 200]).toContain(early.status)
    if (early.status === 200) expect(await early.text()).not.toBe('half written')
    expect((await waitForReel(second.url, reelId, user.token)).body.status).toBe('published')
    await expectServedAsPackaged(second.url, reelId)
    expect(readdirSync(join(dataDir, 'staging'))).toEqual([])
    expect(existsSync(join(dataDir, 'media', orphan))).toBe(false)
    expect(existsSync(join(dataDir, 'uploads', uploadId))).toBe(false)
  })
})
