// The core's half of "Encode & queue" on real SQLite and a real bridge: the encoder's files arrive
// by PUT /library/<id>/package/<path>, the core writes the manifest and the tar, runs the server's
// package check and queues only a package that passes. A corrupted file keeps the reel a draft with
// the reason; cancel removes partial files; a job a crash left running is restarted on next start,
// and a job whose window stops renewing its lease is queued again (or fails after too many tries).
// The renditions here come from native ffmpeg (test/support/reel-package.ts) to keep this fast; the
// ffmpeg.wasm encoder itself is driven by test/e2e/studio-encode.test.ts.
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkReelPackage } from '../../shared/node/package-check'
import type {
  EncodeJob,
  EventName,
  LibraryItem,
  MethodName,
  MethodParams,
  MethodResult,
} from '../../shared/rpc/contract'
import type { RpcErrorPayload } from '../../shared/rpc/envelope'
import {
  createStudioCore,
  type CallContext,
  type StudioCore,
  type StudioCoreOptions,
} from '../../electron/core/index'
import { startWsBridge, type WsBridge } from '../../electron/core/bridge/ws-bridge'
import { ensureMedia } from '../support/media'
import { makeReelPackage, type ReelPackage } from '../support/reel-package'

const OPTIONS = {
  frame: 'fill',
  trimStartMs: 0,
  trimEndMs: 2000,
  coverMs: 1000,
  caption: 'Beach #run',
} as const

let pkg: ReelPackage
let dataDir: string
let core: StudioCore
let bridge: WsBridge
let events: Array<{ name: EventName; payload: unknown }>

beforeAll(async () => {
  pkg = await makeReelPackage(await ensureMedia('portrait-1080x1920-audio-2s'))
})

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-encode-'))
  await open()
})

afterEach(async () => {
  await bridge.close()
  core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

afterAll(() => rmSync(join(pkg.dir, '..'), { recursive: true, force: true }))

async function open(encodeLease?: StudioCoreOptions['encodeLease']) {
  core = createStudioCore({ dataDir, encodeLease })
  events = []
  core.onEvent((name, payload) => events.push({ name, payload }))
  bridge = await startWsBridge({ core, staticDir: join(dataDir, 'no-static') })
}

let nextId = 1
async function call<M extends MethodName>(
  method: M,
  params: MethodParams<M>,
  context: CallContext = { transport: 'web-bridge' },
): Promise<MethodResult<M>> {
  const response = await core.dispatch({ type: 'request', id: nextId++, method, params }, context)
  if (!response.ok) throw Object.assign(new Error(response.error.message), { rpc: response.error })
  return response.result as MethodResult<M>
}

async function rpcError(promise: Promise<unknown>): Promise<RpcErrorPayload> {
  const error = (await promise.then(
    () => null,
    (failure: { rpc?: RpcErrorPayload }) => failure,
  )) as { rpc?: RpcErrorPayload } | null
  if (!error?.rpc) throw new Error('expected an RPC error')
  return error.rpc
}

async function importDraft(): Promise<LibraryItem> {
  const path = await ensureMedia('portrait-1080x1920-audio-2s')
  return call('library.importFile', { path }, { transport: 'electron' })
}

function put(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${bridge.origin}${path}`,
      {
        method: 'PUT',
        headers: {
          'x-spool-token': bridge.token,
          origin: bridge.origin,
          'content-length': String(body.length),
          ...headers,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      },
    )
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)))
    req.end(body)
  })
}

const packageFile = (path: string) => readFileSync(join(pkg.dir, ...path.split('/')))

async function sendFiles(reelId: string, jobId: string, replace: Record<string, Buffer> = {}) {
  for (const path of Object.keys(pkg.manifest.files)) {
    const status = await put(
      `/library/${reelId}/package/${path}?job=${jobId}`,
      replace[path] ?? packageFile(path),
    )
    expect(status, path).toBe(201)
  }
}

const renditions = () =>
  pkg.manifest.renditions.map(({ name, width, height, bandwidth, codecs }) => ({
    name,
    width,
    height,
    bandwidth,
    codecs,
  }))

async function startAndClaim(reelId: string): Promise<EncodeJob> {
  const job = await call('encode.start', { id: reelId, options: OPTIONS })
  expect(job.state).toBe('queued')
  const claimed = (await call('encode.next', {})).job
  expect(claimed?.id).toBe(job.id)
  expect(claimed?.state).toBe('running')
  return claimed!
}

describe('encode: package assembly', () => {
  it('builds manifest and tar from the received files, checks them, and queues the reel', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    expect((await call('library.get', { id: draft.id })).status).toBe('encoding')
    expect(
      await call('encode.progress', { jobId: job.id, percent: 42, elapsedMs: 900, remainingMs: 1200 }),
    ).toEqual({ running: true })
    expect(events).toContainEqual({
      name: 'encode.progress',
      payload: { jobId: job.id, reelId: draft.id, percent: 42, elapsedMs: 900, remainingMs: 1200 },
    })
    await sendFiles(draft.id, job.id)

    const item = await call('encode.finish', {
      jobId: job.id,
      durationMs: pkg.manifest.durationMs,
      renditions: renditions(),
    })
    expect(item.status).toBe('queued')
    expect(item.caption).toBe(OPTIONS.caption)
    const tar = join(dataDir, 'library', draft.id, 'package.tar')
    const checked = await checkReelPackage(createReadStream(tar))
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.manifest.reelId).toBe(draft.id)
    expect(checked.manifest.caption).toBe(OPTIONS.caption)
    expect(checked.manifest).toMatchObject({ width: 720, height: 1280 })
    expect(Object.keys(checked.manifest.files).sort()).toEqual(Object.keys(pkg.manifest.files).sort())
    // The staging folder is gone once the tar holds everything.
    expect(existsSync(join(dataDir, 'library', draft.id, 'package'))).toBe(false)
    expect((await call('encode.latest', { id: draft.id })).job?.state).toBe('done')
  })

  it('refuses to queue a package the server would reject, and says why', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    await sendFiles(draft.id, job.id, { 'poster.jpg': Buffer.from('not a jpeg at all, just text') })

    const error = await rpcError(
      call('encode.finish', { jobId: job.id, durationMs: pkg.manifest.durationMs, renditions: renditions() }),
    )
    expect(error.code).toBe('package_invalid')
    expect(error.message).toMatch(/poster/)
    expect((await call('library.get', { id: draft.id })).status).toBe('draft')
    const latest = (await call('encode.latest', { id: draft.id })).job
    expect(latest?.state).toBe('failed')
    expect(latest?.error).toBe(error.message)
    expect(existsSync(join(dataDir, 'library', draft.id, 'package.tar'))).toBe(false)
    expect(existsSync(join(dataDir, 'library', draft.id, 'package'))).toBe(false)
  })

  it('refuses a declared codec the init segment does not have', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    await sendFiles(draft.id, job.id)
    const wrong = renditions().map((rendition) => ({ ...rendition, codecs: 'avc1.42c01e,mp4a.40.2' }))
    const error = await rpcError(
      call('encode.finish', { jobId: job.id, durationMs: pkg.manifest.durationMs, renditions: wrong }),
    )
    expect(error.code).toBe('package_invalid')
    // The master playlist (written by the encoder) names the real codec, so the check sees the lie.
    expect(error.message).toMatch(/avc1\.42c01e/)
  })

  it('takes package files only from the token holder, for a running job, at package paths', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    const poster = packageFile('poster.jpg')
    const base = `/library/${draft.id}/package`
    expect(await put(`${base}/poster.jpg?job=${job.id}`, poster, { 'x-spool-token': 'wrong' })).toBe(401)
    expect(await put(`${base}/poster.jpg?job=${job.id}`, poster, { origin: 'http://evil.example' })).toBe(403)
    expect(await put(`${base}/manifest.json?job=${job.id}`, poster)).toBe(400)
    expect(await put(`${base}/a/b/c.m4s?job=${job.id}`, poster)).toBe(400)
    // URL parsing resolves the dots first: this is the source video's GET-only route, never a write.
    expect(await put(`${base}/%2e%2e/source.mp4?job=${job.id}`, poster)).toBe(405)
    expect(await put(`${base}/a%2f..%2fb.m4s?job=${job.id}`, poster)).toBe(400)
    expect(await put(`${base}/poster.jpg?job=00000000-0000-0000-0000-000000000000`, poster)).toBe(404)
    expect(await put(`${base}/poster.jpg?job=${job.id}`, poster)).toBe(201)
  })
})

describe('encode: cancel and recovery', () => {
  it('cancel makes the reel a draft again and removes partial files', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    await put(`/library/${draft.id}/package/poster.jpg?job=${job.id}`, packageFile('poster.jpg'))
    expect(existsSync(join(dataDir, 'library', draft.id, 'package', 'poster.jpg'))).toBe(true)

    expect(await call('encode.cancel', { id: draft.id })).toEqual({ cancelled: true })
    expect((await call('library.get', { id: draft.id })).status).toBe('draft')
    expect((await call('encode.latest', { id: draft.id })).job?.state).toBe('cancelled')
    expect(existsSync(join(dataDir, 'library', draft.id, 'package'))).toBe(false)
    expect(events).toContainEqual({
      name: 'encode.changed',
      payload: { jobId: job.id, reelId: draft.id, state: 'cancelled' },
    })
    // The encoder learns it on its next progress report, and its late files are refused.
    expect(
      await call('encode.progress', { jobId: job.id, percent: 50, elapsedMs: 1, remainingMs: null }),
    ).toEqual({
      running: false,
    })
    expect(
      await put(`/library/${draft.id}/package/poster.jpg?job=${job.id}`, packageFile('poster.jpg')),
    ).toBe(409)
    expect(await call('encode.cancel', { id: draft.id })).toEqual({ cancelled: false })
    // A draft again, so it can be encoded again.
    expect((await call('encode.start', { id: draft.id, options: OPTIONS })).state).toBe('queued')
  })

  it('restarts a job a crash left running, instead of leaving the reel encoding forever', async () => {
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    await put(`/library/${draft.id}/package/poster.jpg?job=${job.id}`, packageFile('poster.jpg'))
    // A "crash": the core goes away with the job running and a partial file on disk.
    await bridge.close()
    core.close()
    await open()

    const latest = (await call('encode.latest', { id: draft.id })).job
    expect(latest).toMatchObject({ id: job.id, state: 'queued', progress: 0, startedAt: null })
    expect((await call('library.get', { id: draft.id })).status).toBe('encoding')
    await expect.poll(() => existsSync(join(dataDir, 'library', draft.id, 'package'))).toBe(false)
    const again = (await call('encode.next', {})).job
    expect(again?.id).toBe(job.id)
    await sendFiles(draft.id, job.id)
    const item = await call('encode.finish', {
      jobId: job.id,
      durationMs: pkg.manifest.durationMs,
      renditions: renditions(),
    })
    expect(item.status).toBe('queued')
  })

  it('refuses to start a second encode of the same reel, or of a reel that is not a draft', async () => {
    const draft = await importDraft()
    await call('encode.start', { id: draft.id, options: OPTIONS })
    expect((await rpcError(call('encode.start', { id: draft.id, options: OPTIONS }))).code).toBe('conflict')
    expect((await rpcError(call('library.delete', { id: draft.id }))).code).toBe('conflict')
  })
})

describe('encode: leases', () => {
  // A clock the test moves, so expiry is exact; encode.next takes expired jobs back before claiming.
  let clock = 0
  async function reopenWithLease(lease: { leaseMs: number; maxAttempts: number; checkEveryMs?: number }) {
    await bridge.close()
    core.close()
    clock = 1_000_000
    await open({ ...lease, now: () => clock })
  }

  it('a job whose window stops renewing goes back to the queue, and the next runner finishes it', async () => {
    await reopenWithLease({ leaseMs: 60_000, maxAttempts: 3 })
    const draft = await importDraft()
    const first = (await startAndClaim(draft.id)) as EncodeJob & { attempt: number; leaseMs: number }
    expect(first).toMatchObject({ attempt: 1, leaseMs: 60_000 })
    await put(`/library/${draft.id}/package/poster.jpg?job=${first.id}`, packageFile('poster.jpg'))

    // Renewals and progress keep it: well past one lease in total, never a lease without one.
    for (let i = 0; i < 4; i++) {
      clock += 40_000
      expect(await call('encode.renew', { jobId: first.id, attempt: 1 })).toEqual({ running: true })
    }
    clock += 40_000
    expect(
      (
        await call('encode.progress', {
          jobId: first.id,
          attempt: 1,
          percent: 30,
          elapsedMs: 1,
          remainingMs: null,
        })
      ).running,
    ).toBe(true)
    expect((await call('encode.next', {})).job).toBeNull()
    expect((await call('encode.latest', { id: draft.id })).job?.state).toBe('running')

    // The window closes: no renewal for a whole lease.
    clock += 60_001
    events.length = 0
    const second = (await call('encode.next', {})).job
    expect(second).toMatchObject({ id: first.id, state: 'running', attempt: 2, progress: 0 })
    expect(events).toContainEqual({
      name: 'encode.changed',
      payload: { jobId: first.id, reelId: draft.id, state: 'queued' },
    })
    // The old runner (a frozen tab waking up) is told to stop, and cannot steal the new claim.
    expect(await call('encode.renew', { jobId: first.id, attempt: 1 })).toEqual({ running: false })
    expect(
      (
        await call('encode.progress', {
          jobId: first.id,
          attempt: 1,
          percent: 90,
          elapsedMs: 1,
          remainingMs: null,
        })
      ).running,
    ).toBe(false)
    expect(await call('encode.renew', { jobId: first.id, attempt: 2 })).toEqual({ running: true })
    // Its partial files went before the new runner's arrive.
    await sendFiles(draft.id, first.id)
    const item = await call('encode.finish', {
      jobId: first.id,
      durationMs: pkg.manifest.durationMs,
      renditions: renditions(),
    })
    expect(item.status).toBe('queued')
    expect(
      (await checkReelPackage(createReadStream(join(dataDir, 'library', draft.id, 'package.tar')))).ok,
    ).toBe(true)
    expect(await call('encode.renew', { jobId: first.id, attempt: 2 })).toEqual({ running: false })
  })

  it('a job whose runners keep stopping ends failed with a sentence, and the reel is a draft again', async () => {
    await reopenWithLease({ leaseMs: 60_000, maxAttempts: 2 })
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    clock += 60_001
    expect((await call('encode.next', {})).job).toMatchObject({ id: job.id, attempt: 2 })
    clock += 60_001
    expect((await call('encode.next', {})).job).toBeNull()

    const ended = (await call('encode.latest', { id: draft.id })).job
    expect(ended?.state).toBe('failed')
    expect(ended?.error).toMatch(/stopped 2 times before it finished.*keep the window open/)
    await expect.poll(async () => (await call('library.get', { id: draft.id })).status).toBe('draft')
    expect(await call('encode.renew', { jobId: job.id, attempt: 2 })).toEqual({ running: false })
  })

  it("takes a closed window's job back on its own, without waiting for another runner to ask", async () => {
    await reopenWithLease({ leaseMs: 60_000, maxAttempts: 3, checkEveryMs: 20 })
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    await put(`/library/${draft.id}/package/poster.jpg?job=${job.id}`, packageFile('poster.jpg'))
    clock += 60_001
    await expect.poll(async () => (await call('encode.latest', { id: draft.id })).job?.state).toBe('queued')
    expect((await call('library.get', { id: draft.id })).status).toBe('encoding')
    await expect.poll(() => existsSync(join(dataDir, 'library', draft.id, 'package'))).toBe(false)
  })

  it('refuses a renewal of a job that was cancelled', async () => {
    await reopenWithLease({ leaseMs: 60_000, maxAttempts: 3 })
    const draft = await importDraft()
    const job = await startAndClaim(draft.id)
    expect(await call('encode.cancel', { id: draft.id })).toEqual({ cancelled: true })
    expect(await call('encode.renew', { jobId: job.id, attempt: 1 })).toEqual({ running: false })
  })
})
