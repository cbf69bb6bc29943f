// Presence on draft documents (y-protocols awareness): which of a creator's machines has the
// draft open. Relayed between that document's connections, and a connection's states are removed
// when it closes, so a crashed machine does not linger as "editing".
import * as awarenessProtocol from 'y-protocols/awareness'
import type { LiveDoc, LivePeer } from './live-doc-hub'
import { encodeAwareness } from './sync-messages'

interface Room {
  awareness: awarenessProtocol.Awareness
  /** The awareness client ids each connection announced. */
  owners: Map<LivePeer, Set<number>>
}

export function createDraftAwareness() {
  const rooms = new Map<string, Room>()

  function room(doc: LiveDoc): Room {
    let found = rooms.get(doc.name)
    if (found) return found
    const awareness = new awarenessProtocol.Awareness(doc.doc)
    // The server is not a participant: without this its own empty state would be announced.
    awareness.setLocalState(null)
    const owners = new Map<LivePeer, Set<number>>()
    awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed]
        const ids = owners.get(origin as LivePeer)
        if (ids) {
          for (const id of added) ids.add(id)
          for (const id of removed) ids.delete(id)
        }
        const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, changed))
        for (const peer of doc.peers) peer.send(message)
      },
    )
    found = { awareness, owners }
    rooms.set(doc.name, found)
    return found
  }

  return {
    apply(doc: LiveDoc, peer: LivePeer, update: Uint8Array): void {
      const { awareness, owners } = room(doc)
      if (!owners.has(peer)) owners.set(peer, new Set())
      awarenessProtocol.applyAwarenessUpdate(awareness, update, peer)
    },
    /** Sends the states known so far to one connection (on connect and on query). */
    sendAll(doc: LiveDoc, peer: LivePeer): void {
      const found = rooms.get(doc.name)
      if (!found) return
      const clients = [...found.awareness.getStates().keys()]
      if (clients.length === 0) return
      peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(found.awareness, clients)))
    },
    leave(doc: LiveDoc, peer: LivePeer): void {
      const found = rooms.get(doc.name)
      const ids = found?.owners.get(peer)
      if (!found || !ids) return
      found.owners.delete(peer)
      awarenessProtocol.removeAwarenessStates(found.awareness, [...ids], null)
    },
    /** Forgets a document's presence when the document leaves memory. */
    drop(doc: LiveDoc): void {
      rooms.get(doc.name)?.awareness.destroy()
      rooms.delete(doc.name)
    },
  }
}

export type DraftAwareness = ReturnType<typeof createDraftAwareness>
