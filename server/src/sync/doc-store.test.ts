import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type ServerDatabase } from '../db'
import { createDocStore } from './doc-store'

let dir: string
let database: ServerDatabase
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spool-doc-store-'))
  database = openDatabase({ kind: 'sqlite', file: join(dir, 'spool.db') })
})
afterEach(() => {
  database.close()
  rmSync(dir, { recursive: true, force: true })
})

const rows = (name: string) =>
  (
    database.db.prepare('SELECT COUNT(*) AS n FROM sync_updates WHERE doc_name = ?').get(name) as {
      n: number
    }
  ).n

/** Appends one update per change, as the hub does. */
function typeInto(store: ReturnType<typeof createDocStore>, name: string, words: string[]): Y.Doc {
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => store.append(name, update))
  for (const word of words) doc.getText('t').insert(doc.getText('t').length, word)
  doc.getMap('m').set('n', 1)
  doc.getMap('m').set('n', 2) // overwritten: garbage a compaction drops
  return doc
}

describe('doc store', () => {
  it('loads a document from its appended updates, and an unknown one as empty', () => {
    const store = createDocStore(database.db, { compactAfter: 100 })
    typeInto(store, 'draft:a', ['one ', 'two'])
    const loaded = store.load('draft:a')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, loaded.update)
    expect(doc.getText('t').toString()).toBe('one two')
    expect(loaded.rows).toBe(4)
    const empty = new Y.Doc()
    Y.applyUpdate(empty, store.load('draft:none').update)
    expect(empty.getText('t').toString()).toBe('')
  })

  it('merges more rows than the threshold into one when loading, keeping the content', () => {
    const store = createDocStore(database.db, { compactAfter: 5 })
    const source = typeInto(store, 'draft:b', ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    typeInto(store, 'draft:other', ['x'])
    expect(rows('draft:b')).toBe(9)
    const loaded = store.load('draft:b')
    expect(loaded.rows).toBe(1)
    expect(rows('draft:b')).toBe(1)
    expect(rows('draft:other')).toBe(3)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, store.load('draft:b').update)
    expect(doc.getText('t').toString()).toBe('abcdefg')
    expect(doc.getMap('m').get('n')).toBe(2)
    // Same history: a client holding the original merges with it without duplicating anything.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source))
    expect(doc.getText('t').toString()).toBe('abcdefg')
  })
})
