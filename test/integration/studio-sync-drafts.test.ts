// Draft sync between two studio cores of the same creator (two data folders, as on two machines)
// through the real server: an edit in one appears in the other, in its document, its database and
// its library caption; edits made on both while the server is away merge when it is back.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { StudioClient } from '../../shared/rpc/client'
import { captionText, editMap } from '../../shared/reel/draft-edit'
import { openCoreWithClient, type CoreWithClient } from '../support/core-client'
import { ensureMedia } from '../support/media'
import { register, startTestServer, type TestServer } from '../support/server'
import { eventually } from '../support/studio-web'

const PASSWORD = 'a long enough password'
let serverDir: string
let server: TestServer
let port: string
const cleanup: Array<() => unknown> = []

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'spool-draft-sync-server-'))
  server = await startTestServer({}, serverDir)
  port = new URL(server.url).port
  await register(server.url, 'maya', PASSWORD)
})
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})
afterAll(async () => {
  await server?.stop()
  rmSync(serverDir, { recursive: true, force: true })
})

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-draft-sync-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

function openCore(dataDir: string): CoreWithClient {
  const opened = openCoreWithClient({ dataDir, sync: { maxBackoffMs: 300 } })
  cleanup.push(() => opened.core.close())
  return opened
}

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))

/** The draft as the core holds it. */
async function draftOf(client: StudioClient, id: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, decode((await client.call('draft.load', { id })).update))
  return doc
}

/** Edits the draft as a window would: on a copy, then one update through draft.apply. */
async function edit(client: StudioClient, id: string, change: (doc: Y.Doc) => void): Promise<void> {
  const doc = await draftOf(client, id)
  const before = Y.encodeStateVector(doc)
  change(doc)
  const update = Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64')
  expect(await client.call('draft.apply', { id, update })).toEqual({ changed: true })
}

const captionOf = async (client: StudioClient, id: string) =>
  captionText(await draftOf(client, id)).toString()

describe('draft sync', () => {
  it('carries an edit from one studio to the other, and merges edits made on both while offline', async () => {
    const dirA = newDataDir()
    const a0 = openCore(dirA)
    await a0.client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
    const item = await a0.client.call('library.importFile', {
      path: await ensureMedia('portrait-1080x1920-audio-6s'),
    })
    a0.core.close()
    // The second machine has the same library (copied over), so the same item id.
    const dirB = newDataDir()
    cpSync(dirA, dirB, { recursive: true })
    const a = openCore(dirA)
    const b = openCore(dirB)

    await edit(a.client, item.id, (doc) => captionText(doc).insert(0, 'Dawn patrol'))
    await eventually(
      async () => (await captionOf(b.client, item.id)) === 'Dawn patrol',
      20_000,
      'B to get A’s caption',
    )
    // Stored and shown in B's library, not only in memory.
    expect((await b.client.call('library.get', { id: item.id })).caption).toBe('Dawn patrol')

    await edit(b.client, item.id, (doc) => editMap(doc).set('fit', 'fit-blur'))
    await eventually(
      async () => editMap(await draftOf(a.client, item.id)).get('fit') === 'fit-blur',
      20_000,
      'A to get B’s fit',
    )

    // Both edit while the server is away.
    await server.stop()
    await edit(a.client, item.id, (doc) => editMap(doc).set('trimInMs', 1000))
    await edit(b.client, item.id, (doc) => captionText(doc).insert('Dawn patrol'.length, ' #surf'))
    server = await startTestServer({ SPOOL_PORT: port }, serverDir)

    for (const [name, side] of [
      ['A', a],
      ['B', b],
    ] as const) {
      await eventually(
        async () => {
          const doc = await draftOf(side.client, item.id)
          return captionText(doc).toString() === 'Dawn patrol #surf' && editMap(doc).get('trimInMs') === 1000
        },
        20_000,
        `${name} to hold both offline edits`,
      )
    }
    // B restarted reads the merged draft from its own database.
    b.core.close()
    const b2 = openCore(dirB)
    const merged = await draftOf(b2.client, item.id)
    expect(captionText(merged).toString()).toBe('Dawn patrol #surf')
    expect(editMap(merged).toJSON()).toMatchObject({ fit: 'fit-blur', trimInMs: 1000 })
  })
})
