import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { LIVE_CLOSE, parseLiveDocName } from '../../../shared/api/live-docs'
import type { DocStore } from './doc-store'
import { UpdateRejectedError, createLiveDocHub, type LivePeer } from './live-doc-hub'

afterEach(() => vi.useRealTimers())

const NAME = 'draft:alice:01JD0000000000000000000000'
const KIND = parseLiveDocName(NAME)!

/** A store in memory that records what it was asked to keep. */
function memoryStore(compactAfter = 100) {
  const rows = new Map<string, Uint8Array[]>()
  const store: DocStore = {
    load(name) {
      const list = rows.get(name) ?? []
      return {
        update: list.length ? Y.mergeUpdates(list) : new Uint8Array([0, 0]),
        storedBytes: 0,
        rows: list.length,
      }
    },
    append(name, update) {
      rows.set(name, [...(rows.get(name) ?? []), update])
    },
    replace(name, snapshot) {
      rows.set(name, [snapshot])
    },
    compactAfter,
  } as DocStore
  return { store, rows }
}

function peer() {
  const sent: Uint8Array[] = []
  const closed: number[] = []
  const p: LivePeer = { send: (m) => sent.push(m), close: (code) => closed.push(code) }
  return { p, sent, closed }
}

describe('live doc hub', () => {
  it('stores and broadcasts a successful change to every peer but its sender', () => {
    const { store, rows } = memoryStore()
    const hub = createLiveDocHub({ store, unloadAfterMs: 1000 })
    const doc = hub.open(NAME, KIND)
    const [a, b] = [peer(), peer()]
    hub.attach(doc, a.p)
    hub.attach(doc, b.p)
    const client = new Y.Doc()
    client.getText('caption').insert(0, 'hi')
    hub.applyClientUpdate(doc, a.p, Y.encodeStateAsUpdate(client), 10_000)
    expect(rows.get(NAME)).toHaveLength(1)
    expect(a.sent).toHaveLength(0)
    expect(b.sent).toHaveLength(1)
    expect(doc.doc.getText('caption').toString()).toBe('hi')
  })

  it('closes one document’s peers with the given code and drops only that document', () => {
    const { store } = memoryStore()
    const hub = createLiveDocHub({ store, unloadAfterMs: 1000 })
    const other = 'draft:alice:01JD0000000000000000000001'
    const [doc, kept] = [hub.open(NAME, KIND), hub.open(other, parseLiveDocName(other)!)]
    const [a, b, c] = [peer(), peer(), peer()]
    hub.attach(doc, a.p)
    hub.attach(doc, b.p)
    hub.attach(kept, c.p)
    hub.closeDoc(NAME, LIVE_CLOSE.gone, 'reel removed')
    expect([a.closed, b.closed, c.closed]).toEqual([[LIVE_CLOSE.gone], [LIVE_CLOSE.gone], []])
    expect(doc.unloaded).toBe(true)
    expect(kept.unloaded).toBe(false)
    expect(hub.stats()).toMatchObject({ loadedDocs: 1, connections: 1 })
    hub.closeDoc('draft:alice:01JD0000000000000000000002', LIVE_CLOSE.gone, 'not loaded') // no-op
  })

  it('neither stores nor sends a change that throws, and drops the half-changed copy', () => {
    const { store, rows } = memoryStore()
    const hub = createLiveDocHub({ store, unloadAfterMs: 1000 })
    const doc = hub.open(NAME, KIND)
    const [sender, other] = [peer(), peer()]
    hub.attach(doc, sender.p)
    hub.attach(doc, other.p)
    expect(() =>
      hub.commit(doc, sender.p, () => {
        doc.doc.getText('caption').insert(0, 'half')
        throw new Error('broken update')
      }),
    ).toThrow('broken update')
    expect(rows.get(NAME)).toBeUndefined()
    expect(other.sent).toHaveLength(0)
    expect(other.closed).toEqual([LIVE_CLOSE.reloading])
    expect(doc.unloaded).toBe(true)
    expect(hub.open(NAME, KIND).doc.getText('caption').toString()).toBe('')
  })

  it('refuses a client update that would grow the document past its cap, before applying it', () => {
    const { store, rows } = memoryStore()
    const hub = createLiveDocHub({ store, unloadAfterMs: 1000 })
    const doc = hub.open(NAME, KIND)
    const client = new Y.Doc()
    client.getText('caption').insert(0, 'x'.repeat(5000))
    expect(() => hub.applyClientUpdate(doc, peer().p, Y.encodeStateAsUpdate(client), 1000)).toThrow(
      UpdateRejectedError,
    )
    expect(doc.doc.getText('caption').length).toBe(0)
    expect(rows.get(NAME)).toBeUndefined()
  })

  it('unloads a document after the delay once its last peer left, not while one is there', () => {
    vi.useFakeTimers()
    const hub = createLiveDocHub({ store: memoryStore().store, unloadAfterMs: 1000 })
    const doc = hub.open(NAME, KIND)
    const a = peer()
    hub.attach(doc, a.p)
    vi.advanceTimersByTime(5000)
    expect(hub.stats().loadedDocs).toBe(1)
    hub.detach(doc, a.p)
    vi.advanceTimersByTime(999)
    expect(hub.stats().loadedDocs).toBe(1)
    vi.advanceTimersByTime(1)
    expect(hub.stats().loadedDocs).toBe(0)
    expect(doc.unloaded).toBe(true)
  })

  it('compacts the stored rows of a document that stays in memory', () => {
    const { store, rows } = memoryStore(3)
    const hub = createLiveDocHub({ store, unloadAfterMs: 1000 })
    for (let i = 0; i < 7; i++) hub.write(NAME, KIND, (doc) => doc.getMap('counts').set('likes', i))
    expect(rows.get(NAME)!.length).toBeLessThanOrEqual(3)
    const reloaded = new Y.Doc()
    Y.applyUpdate(reloaded, Y.mergeUpdates(rows.get(NAME)!))
    expect(reloaded.getMap('counts').get('likes')).toBe(6)
  })
})
