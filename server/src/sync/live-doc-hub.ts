// The live documents held in memory: loaded from doc-store.ts on first use, shared by every
// connection to the same name, unloaded a while after the last connection leaves (and after the
// last server write), so memory follows what people are watching, not what ever existed.
//
// Every change — a client's update or a server write — goes through commit(): the updates Yjs
// emitted during it are persisted and broadcast only once it has succeeded. An update that throws
// halfway is never stored or sent; the in-memory copy it may have half-changed is dropped and the
// next use loads the stored one again.
import * as Y from 'yjs'
import { LIVE_CLOSE, type LiveDocName } from '../../../shared/api/live-docs'
import type { DocStore } from './doc-store'
import { encodeSyncUpdate } from './sync-messages'

/** One client connection as the hub sees it. */
export interface LivePeer {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

export interface LiveDoc {
  readonly name: string
  readonly kind: LiveDocName
  readonly doc: Y.Doc
  readonly peers: Set<LivePeer>
  storedBytes: number
  /** Rows stored for it (see doc-store.ts): past the store's compactAfter, they are merged. */
  storedRows: number
  /** Set once the document was dropped from memory; holders must look it up again. */
  unloaded: boolean
}

interface HubEntry extends LiveDoc {
  pending: Uint8Array[]
  unloadTimer: NodeJS.Timeout | undefined
  onUpdate: (update: Uint8Array) => void
}

export interface HubOptions {
  store: DocStore
  /** How long a document with no connections stays in memory after its last use. */
  unloadAfterMs: number
  /** Called right after a document is loaded (server documents re-read the database here). */
  onLoad?: (doc: LiveDoc) => void
  /** Called when a document is dropped (e.g. to forget awareness state). */
  onUnload?: (doc: LiveDoc) => void
}

/** The transaction origin of server writes. */
export const SERVER_ORIGIN = 'server'

export class UpdateRejectedError extends Error {
  override name = 'UpdateRejectedError'
}

export function createLiveDocHub(options: HubOptions) {
  const docs = new Map<string, HubEntry>()
  let loads = 0

  function scheduleUnload(entry: HubEntry): void {
    clearTimeout(entry.unloadTimer)
    entry.unloadTimer = undefined
    if (entry.peers.size > 0 || entry.unloaded) return
    entry.unloadTimer = setTimeout(() => unload(entry), options.unloadAfterMs)
    entry.unloadTimer.unref()
  }

  function unload(entry: HubEntry): void {
    if (entry.unloaded) return
    clearTimeout(entry.unloadTimer)
    entry.unloaded = true
    docs.delete(entry.name)
    options.onUnload?.(entry)
    entry.doc.off('update', entry.onUpdate)
    entry.doc.destroy()
  }

  /** Drops a copy a failed change may have half-changed; its other peers reconnect to the stored one. */
  function discard(entry: HubEntry, origin: LivePeer | undefined): void {
    for (const peer of [...entry.peers]) {
      if (peer !== origin) peer.close(LIVE_CLOSE.reloading, 'document reloaded')
    }
    unload(entry)
  }

  function open(name: string, kind: LiveDocName): LiveDoc {
    const existing = docs.get(name)
    if (existing) return existing
    const loaded = options.store.load(name)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, loaded.update)
    const entry: HubEntry = {
      name,
      kind,
      doc,
      peers: new Set(),
      storedBytes: loaded.storedBytes,
      storedRows: loaded.rows,
      unloaded: false,
      pending: [],
      unloadTimer: undefined,
      onUpdate: (update) => entry.pending.push(update),
    }
    doc.on('update', entry.onUpdate)
    docs.set(name, entry)
    loads++
    try {
      if (options.onLoad) commit(entry, undefined, () => options.onLoad!(entry))
    } finally {
      scheduleUnload(entry)
    }
    return entry
  }

  /**
   * Runs a change and then stores and broadcasts what it did (to every peer but `origin`).
   */
  function commit(doc: LiveDoc, origin: LivePeer | undefined, change: () => void): void {
    const entry = doc as HubEntry
    entry.pending = []
    try {
      change()
    } catch (error) {
      entry.pending = []
      discard(entry, origin)
      throw error
    }
    if (entry.pending.length === 0) return
    const update = entry.pending.length === 1 ? entry.pending[0]! : Y.mergeUpdates(entry.pending)
    entry.pending = []
    if (entry.storedRows >= options.store.compactAfter) {
      // A document that never leaves memory (a reel always being watched) is compacted here.
      const snapshot = Y.encodeStateAsUpdate(entry.doc)
      options.store.replace(entry.name, snapshot)
      entry.storedBytes = snapshot.length
      entry.storedRows = 1
    } else {
      options.store.append(entry.name, update)
      entry.storedBytes += update.length
      entry.storedRows++
    }
    const message = encodeSyncUpdate(update)
    for (const peer of entry.peers) if (peer !== origin) peer.send(message)
  }

  return {
    open,
    commit,
    /** A server write: loads the document if needed, changes it in one transaction. */
    write(name: string, kind: LiveDocName, change: (doc: Y.Doc) => void): void {
      const doc = open(name, kind)
      commit(doc, undefined, () => doc.doc.transact(() => change(doc.doc), SERVER_ORIGIN))
      scheduleUnload(doc as HubEntry)
    },
    /** Applies a client's update (already checked to decode) to a writable document. */
    applyClientUpdate(doc: LiveDoc, peer: LivePeer, update: Uint8Array, limitBytes: number): void {
      // Measured before applying: what the update adds to this document, not what it repeats.
      const added = Y.diffUpdate(update, Y.encodeStateVector(doc.doc)).length
      if (doc.storedBytes + added > limitBytes) {
        throw new UpdateRejectedError(`The document would grow past ${limitBytes} bytes.`)
      }
      commit(doc, peer, () => Y.applyUpdate(doc.doc, update, peer))
    },
    attach(doc: LiveDoc, peer: LivePeer): void {
      doc.peers.add(peer)
      scheduleUnload(doc as HubEntry)
    },
    detach(doc: LiveDoc, peer: LivePeer): void {
      doc.peers.delete(peer)
      scheduleUnload(doc as HubEntry)
    },
    stats() {
      let peers = 0
      for (const entry of docs.values()) peers += entry.peers.size
      return { loadedDocs: docs.size, connections: peers, loads }
    },
    /** Closes one document's connections and drops it from memory (e.g. its reel was removed). */
    closeDoc(name: string, code: number, reason: string): void {
      const entry = docs.get(name)
      if (!entry) return
      for (const peer of [...entry.peers]) peer.close(code, reason)
      unload(entry)
    },
    /** Closes every connection and drops every document (server shutdown). */
    closeAll(code: number, reason: string): void {
      for (const entry of [...docs.values()]) {
        for (const peer of [...entry.peers]) peer.close(code, reason)
        unload(entry)
      }
    },
  }
}

export type LiveDocHub = ReturnType<typeof createLiveDocHub>
