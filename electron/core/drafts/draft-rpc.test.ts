// draft.* through the whole core (dispatcher, contract checks, real SQLite, a real imported clip):
// what a window sees, including across a restart of the core.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ensureMedia } from '../../../test/support/media'
import { captionText, editMap, readDraftEdit } from '../../../shared/reel/draft-edit'
import { DRAFT_UPDATE_MAX_BASE64_CHARS } from '../../../shared/rpc/contract'
import { createStudioCore, type StudioCore } from '../index'

let dataDir: string
const open: StudioCore[] = []
let nextId = 1

function start(): StudioCore {
  const core = createStudioCore({ dataDir, version: '0.0.0' })
  open.push(core)
  return core
}

async function call<T = unknown>(
  core: StudioCore,
  method: string,
  params: unknown = {},
  transport = 'electron',
) {
  const response = await core.dispatch(
    { type: 'request', id: nextId++, method, params },
    { transport: transport as 'electron' },
  )
  return response as { ok: true; result: T } | { ok: false; error: { code: string; message: string } }
}

async function ok<T>(promise: Promise<{ ok: true; result: T } | { ok: false; error: unknown }>): Promise<T> {
  const response = await promise
  if (!response.ok) throw new Error(JSON.stringify(response.error))
  return response.result
}

function localUpdate(doc: Y.Doc, change: () => void): string {
  const before = Y.encodeStateVector(doc)
  doc.transact(change)
  return Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64')
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-draft-rpc-'))
})
afterEach(() => {
  open.splice(0).forEach((core) => core.close())
  rmSync(dataDir, { recursive: true, force: true })
})

describe('draft rpc', () => {
  it('saves a window’s edits, restores them after a restart, and shows the caption in the library', async () => {
    const core = start()
    const item = await ok<{ id: string }>(
      call(core, 'library.importFile', { path: await ensureMedia('portrait-1080x1920-audio-6s') }),
    )
    const doc = new Y.Doc()
    const loaded = await ok<{ update: string }>(call(core, 'draft.load', { id: item.id }))
    Y.applyUpdate(doc, Buffer.from(loaded.update, 'base64'))
    const heard: unknown[] = []
    core.onEvent((name, payload) => name === 'draft.updated' && heard.push(payload))

    const update = localUpdate(doc, () => {
      editMap(doc).set('trimInMs', 1000)
      editMap(doc).set('trimOutMs', 5000)
      captionText(doc).insert(0, 'Run #beach')
    })
    expect(await ok(call(core, 'draft.apply', { id: item.id, update }))).toEqual({ changed: true })
    expect(heard).toEqual([{ id: item.id, update: expect.any(String) }])
    core.close()

    const again = start()
    const restored = new Y.Doc()
    const state = await ok<{ update: string }>(call(again, 'draft.load', { id: item.id }))
    Y.applyUpdate(restored, Buffer.from(state.update, 'base64'))
    expect(readDraftEdit(restored, 6000)).toMatchObject({
      trimInMs: 1000,
      trimOutMs: 5000,
      caption: 'Run #beach',
    })
    expect(await ok(call(again, 'library.get', { id: item.id }))).toMatchObject({ caption: 'Run #beach' })
    expect(await ok(call(again, 'library.list', { query: '#beach' }))).toMatchObject({
      items: [{ id: item.id }],
    })
  })

  it('refuses a non-base64, an oversized and a broken update with invalid_params, changing nothing', async () => {
    const core = start()
    const item = await ok<{ id: string }>(
      call(core, 'library.importFile', { path: await ensureMedia('portrait-noaudio-3s') }),
    )
    const before = await ok(call(core, 'draft.load', { id: item.id }))
    const oversized = 'A'.repeat(DRAFT_UPDATE_MAX_BASE64_CHARS + 4)
    for (const update of [
      'not base64!',
      oversized,
      Buffer.from('garbage bytes, not yjs').toString('base64'),
    ]) {
      const response = await call(core, 'draft.apply', { id: item.id, update })
      expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
    }
    expect(await ok(call(core, 'draft.load', { id: item.id }))).toEqual(before)
    expect(await ok(call(core, 'library.get', { id: item.id }))).toMatchObject({ caption: '' })
  })

  it('answers the default limits, marked as such, when the server cannot be reached', async () => {
    const core = start()
    await ok(call(core, 'settings.set', { serverUrl: 'http://127.0.0.1:9' }))
    expect(await ok(call(core, 'draft.limits'))).toEqual({
      minDurationMs: 1000,
      maxDurationMs: 90_000,
      maxCaptionLength: 2200,
      source: 'default',
    })
  })
})
