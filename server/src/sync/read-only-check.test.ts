import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateChangesDoc } from './read-only-check'

function serverDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.getMap('counts').set('likes', 1)
  doc.getMap('counts').set('likes', 2) // an overwritten value: the delete set is not empty
  doc.getArray('comments').push([{ id: 'a' }, { id: 'b' }])
  doc.getArray('comments').delete(0, 1)
  return doc
}

function clientCopy(server: Y.Doc): Y.Doc {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return client
}

describe('updateChangesDoc', () => {
  it('lets a synced client’s whole state (its sync step 2) through as no change', () => {
    const server = serverDoc()
    const client = clientCopy(server)
    expect(updateChangesDoc(server, Y.encodeStateAsUpdate(client))).toBe(false)
    expect(updateChangesDoc(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(false)
  })

  it('flags new content, an overwrite and a deletion', () => {
    const server = serverDoc()
    for (const write of [
      (doc: Y.Doc) => doc.getMap('counts').set('likes', 1_000_000),
      (doc: Y.Doc) => doc.getArray('comments').push([{ id: 'spam' }]),
      (doc: Y.Doc) => doc.getArray('comments').delete(0, 1),
    ]) {
      const client = clientCopy(server)
      const updates: Uint8Array[] = []
      client.on('update', (update: Uint8Array) => updates.push(update))
      write(client)
      expect(updateChangesDoc(server, updates[0]!)).toBe(true)
      expect(updateChangesDoc(server, Y.encodeStateAsUpdate(client))).toBe(true)
    }
  })

  it('throws on bytes that are not an update', () => {
    expect(() => updateChangesDoc(serverDoc(), new Uint8Array([5, 0xff, 0xff, 0xff, 0xff]))).toThrow()
  })
})
