// The desktop door for package files, on a real core (SQLite, files on disk): bytes cloned through
// IPC land in the running job's staging folder exactly as the bridge's PUT would put them, and
// anything else is answered with a typed error, never a crash.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EncodeJob, LibraryItem } from '../../../shared/rpc/contract'
import { ensureMedia } from '../../../test/support/media'
import { createStudioCore, type StudioCore } from '../index'
import { receivePackageFile } from './package-file-message'

let dataDir: string
let core: StudioCore
let nextId = 1

async function call<T>(method: string, params: unknown): Promise<T> {
  const response = await core.dispatch(
    { type: 'request', id: nextId++, method, params },
    { transport: 'electron' },
  )
  if (!response.ok) throw new Error(response.error.message)
  return response.result as T
}

async function runningJob(): Promise<EncodeJob> {
  const item = await call<LibraryItem>('library.importFile', {
    path: await ensureMedia('portrait-1080x1920-audio-2s'),
  })
  const options = { frame: 'fill', trimStartMs: 0, trimEndMs: 2000, coverMs: 0, caption: '' }
  await call('encode.start', { id: item.id, options })
  return (await call<{ job: EncodeJob }>('encode.next', {})).job
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-package-ipc-'))
  core = createStudioCore({ dataDir, version: '0.0.0' })
})
afterEach(() => {
  core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('package files over IPC', () => {
  it('stores the cloned bytes in the running job’s package, as the bridge would', async () => {
    const job = await runningJob()
    const bytes = new Uint8Array(
      readFileSync(await ensureMedia('portrait-1080x1920-audio-2s')).subarray(100, 5100),
    )
    const answer = await receivePackageFile(core.encode, {
      type: 'package-file',
      id: 7,
      reelId: job.reelId,
      jobId: job.id,
      path: '720p/seg000.m4s',
      bytes,
    })
    expect(answer).toEqual({ type: 'response', id: 7, ok: true, result: { bytes: 5000 } })
    const stored = readFileSync(join(dataDir, 'library', job.reelId, 'package', '720p', 'seg000.m4s'))
    expect(Buffer.compare(stored, Buffer.from(bytes))).toBe(0)
  })

  it('refuses a path outside the package, a job that is not running, and malformed messages', async () => {
    const job = await runningJob()
    const base = { type: 'package-file', id: 9, reelId: job.reelId, jobId: job.id, bytes: new Uint8Array(4) }
    const outside = await receivePackageFile(core.encode, { ...base, path: '../source.mp4' })
    expect(outside).toMatchObject({ id: 9, ok: false })

    await call('encode.cancel', { id: job.reelId })
    const cancelled = await receivePackageFile(core.encode, { ...base, path: 'poster.jpg' })
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } })

    // JSON-shaped bytes (a plain array) or a missing field are not accepted.
    const plainArray = await receivePackageFile(core.encode, { ...base, path: 'poster.jpg', bytes: [1, 2] })
    expect(plainArray).toMatchObject({ id: 9, ok: false, error: { code: 'invalid_params' } })
    expect(await receivePackageFile(core.encode, null)).toMatchObject({ id: -1, ok: false })
  })
})
