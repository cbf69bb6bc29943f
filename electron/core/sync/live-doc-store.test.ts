// The local copy of server documents in a real SQLite database: scoped per server and account,
// compacted on load, cleared on demand.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openStudioDb, type StudioDb } from '../db'
import { createLiveDocStore, LIVE_COMPACT_AFTER_UPDATES } from './live-doc-store'

const SCOPE = 'http://127.0.0.1:8080 01J0000000000000000000000U'
const OTHER = 'http://127.0.0.1:8080 01J0000000000000000000000V'
const NAME = 'creator:maya'
let dataDir: string
let db: StudioDb

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-live-store-'))
  db = openStudioDb({ dataDir })
})
afterEach(() => {
  db.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A server-like writer: each change is one update, as y-websocket delivers them. */
function updatesOf(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (let i = 1; i <= count; i++) doc.getMap('totals').set('likes', i)
  return { doc, updates }
}

describe('live doc store', () => {
  it('gives back what it stored, compacted into one row past the threshold', () => {
    const store = createLiveDocStore(db.db)
    expect(store.load(SCOPE, NAME)).toBeNull()
    const { updates } = updatesOf(LIVE_COMPACT_AFTER_UPDATES + 10)
    for (const update of updates) store.append(SCOPE, NAME, update)
    expect(store.rowCount(SCOPE, NAME)).toBe(LIVE_COMPACT_AFTER_UPDATES + 10)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, store.load(SCOPE, NAME)!)
    expect(copy.getMap('totals').get('likes')).toBe(LIVE_COMPACT_AFTER_UPDATES + 10)
    expect(store.rowCount(SCOPE, NAME)).toBe(1)
    // The snapshot is the same document: a later update still applies on top of it.
    const again = new Y.Doc()
    Y.applyUpdate(again, store.load(SCOPE, NAME)!)
    expect(Y.encodeStateVector(again)).toEqual(Y.encodeStateVector(copy))
  })

  it('keeps scopes apart and forgets one copy when asked', () => {
    const store = createLiveDocStore(db.db)
    store.append(SCOPE, NAME, updatesOf(1).updates[0]!)
    store.markSynced(SCOPE, NAME, new Date('2026-01-01T00:00:00Z'))
    expect(store.load(OTHER, NAME)).toBeNull()
    expect(store.syncedAt(OTHER, NAME)).toBeNull()
    expect(store.syncedAt(SCOPE, NAME)).toBe('2026-01-01T00:00:00.000Z')
    store.clear(SCOPE, NAME)
    expect(store.load(SCOPE, NAME)).toBeNull()
    expect(store.syncedAt(SCOPE, NAME)).toBeNull()
  })
})
