// The renderer's draft session against a real studio core in this process (real SQLite, a real
// imported clip): autosave, undo of this window's edits only, two windows converging, and the
// draft restored after the core restarts.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStudioClient, type StudioClient } from '../../shared/rpc/client'
import { createStudioCore, type StudioCore } from '../../electron/core/index'
import { openDraftSession, textChange, type DraftSession } from '../../renderer/src/create/draft-session'
import { ensureMedia } from '../support/media'
import { startTestServer } from '../support/server'

let dataDir: string
const cores: StudioCore[] = []
const sessions: DraftSession[] = []

function clientOf(core: StudioCore): StudioClient {
  let id = 0
  return createStudioClient({
    request: (method, params) =>
      core.dispatch({ type: 'request', id: ++id, method, params }, { transport: 'electron' }) as never,
    onEvent: (listener) => core.onEvent(listener),
  })
}

async function open(client: StudioClient, reelId: string) {
  const session = await openDraftSession(client, reelId, 6000)
  sessions.push(session)
  return session
}

const settled = async (session: DraftSession) => {
  await session.flush()
  expect(session.snapshot().save).toBe('saved')
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-draft-session-'))
})
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close().catch(() => {})
  cores.splice(0).forEach((core) => core.close())
  rmSync(dataDir, { recursive: true, force: true })
})

describe('draft session', () => {
  it('autosaves, undoes only its own edits, converges with a second window and survives a restart', async () => {
    const core = createStudioCore({ dataDir, version: '0.0.0' })
    cores.push(core)
    const client = clientOf(core)
    const item = await client.call('library.importFile', {
      path: await ensureMedia('portrait-1080x1920-audio-6s'),
    })
    const one = await open(client, item.id)
    const two = await open(client, item.id)

    one.setMany({ trimInMs: 1000, trimOutMs: 4000 })
    one.setCaption('Dawn #surf')
    expect(one.snapshot().save).toBe('pending')
    // Autosave: the debounce sends it without an explicit flush.
    await expect.poll(() => one.snapshot().save, { timeout: 3000 }).toBe('saved')
    await expect.poll(() => two.snapshot().edit.caption).toBe('Dawn #surf')
    expect(two.snapshot().edit).toMatchObject({ trimInMs: 1000, trimOutMs: 4000 })
    expect((await client.call('library.get', { id: item.id })).caption).toBe('Dawn #surf')

    // The second window's edit is not in the first one's undo history.
    two.set('fit', 'fit-blur')
    await settled(two)
    await expect.poll(() => one.snapshot().edit.fit).toBe('fit-blur')
    // The caption typed after the trim is its own undo step; the other window's fit stays.
    one.undo()
    expect(one.snapshot().edit).toMatchObject({ caption: '', trimInMs: 1000, fit: 'fit-blur' })
    one.redo()
    expect(one.snapshot().edit.caption).toBe('Dawn #surf')
    one.undo()
    await settled(one)
    await expect.poll(() => two.snapshot().edit.caption).toBe('')

    // The automatic cover is saved but is not an undo step.
    one.setMany({ coverMs: 2500 }, true)
    expect(one.snapshot().canRedo).toBe(true)
    await settled(one)
    for (const session of sessions.splice(0)) await session.close()
    core.close()

    const again = createStudioCore({ dataDir, version: '0.0.0' })
    cores.push(again)
    const reopened = await open(clientOf(again), item.id)
    expect(reopened.snapshot().edit).toMatchObject({
      trimInMs: 1000,
      fit: 'fit-blur',
      coverMs: 2500,
      caption: '',
    })
  })
})

describe('draft limits', () => {
  it('come from a real server’s GET /api/limits when the studio can reach it', async () => {
    const server = await startTestServer()
    try {
      const core = createStudioCore({ dataDir, version: '0.0.0' })
      cores.push(core)
      const client = clientOf(core)
      await client.call('settings.set', { serverUrl: server.url })
      expect(await client.call('draft.limits', {})).toEqual({
        minDurationMs: 1000,
        maxDurationMs: 90_000,
        maxCaptionLength: 2200,
        source: 'server',
      })
    } finally {
      await server.stop()
    }
  })
})

describe('textChange', () => {
  it('finds the smallest edit between two strings', () => {
    expect(textChange('abc', 'abc')).toBeNull()
    expect(textChange('hello', 'hello world')).toEqual({ at: 5, remove: 0, insert: ' world' })
    expect(textChange('a #tag b', 'a b')).toEqual({ at: 2, remove: 5, insert: '' })
    expect(textChange('aaa', 'aa')).toEqual({ at: 2, remove: 1, insert: '' })
  })
})
