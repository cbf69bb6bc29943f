// One y-websocket connection to one live document, after the upgrade was allowed
// (sync-access.ts). Speaks the y-protocols sync and awareness messages. Read-only documents
// (reel:, creator:) never take a client's change: a message that would change them closes the
// connection with LIVE_CLOSE.readOnly; one that changes nothing (the usual empty step 2 of a
// handshake) is simply not applied. Anything that does not decode closes with badMessage; no
// message can throw past this module. A client that falls more than maxBacklogBytes behind is
// closed (LIVE_CLOSE.fellBehind) rather than queued for without end; it catches up on reconnecting.
import * as decoding from 'lib0/decoding'
import type { FastifyBaseLogger } from 'fastify'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { LIVE_CLOSE } from '../../../shared/api/live-docs'
import type { DraftAwareness } from './draft-awareness'
import { updateChangesDoc } from './read-only-check'
import { UpdateRejectedError, type LiveDoc, type LiveDocHub, type LivePeer } from './live-doc-hub'
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  encodeSyncStep1,
  encodeSyncStep2,
} from './sync-messages'

export interface ConnectionDeps {
  hub: LiveDocHub
  awareness: DraftAwareness
  log: () => FastifyBaseLogger
  /** Largest message a client may send to this kind of document. */
  maxMessageBytes: number
  /** Largest a draft may grow (stored bytes). */
  maxDraftBytes: number
  /** What may wait to be sent to this connection before it is closed as too far behind. */
  maxBacklogBytes: number
  /** Told when a connection was closed for falling behind. */
  onFellBehind?: () => void
}

/**
 * How long a connection closed for falling behind may take to receive its close frame (queued
 * behind everything it did not read) before its socket and what waits for it are dropped.
 */
const FELL_BEHIND_GRACE_MS = 1000

class BadMessageError extends Error {
  override name = 'BadMessageError'
}

export function serveConnection(ws: WebSocket, doc: LiveDoc, writable: boolean, deps: ConnectionDeps): void {
  const peer: LivePeer = {
    send(message) {
      if (ws.readyState !== ws.OPEN) return
      // Checked before queueing, so one message of any size (a whole draft) always goes out.
      if (ws.bufferedAmount > deps.maxBacklogBytes) return fellBehind()
      ws.send(message)
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason)
    },
  }
  deps.hub.attach(doc, peer)
  ws.on('close', () => {
    deps.hub.detach(doc, peer)
    if (writable) deps.awareness.leave(doc, peer)
  })

  function fellBehind(): void {
    deps.log().warn({ doc: doc.name, buffered: ws.bufferedAmount }, 'sync: client fell behind, closed')
    deps.onFellBehind?.()
    peer.close(LIVE_CLOSE.fellBehind, 'too far behind')
    setTimeout(() => ws.terminate(), FELL_BEHIND_GRACE_MS).unref()
  }

  const refuse = (code: number, reason: string, detail?: unknown) => {
    deps.log().warn({ doc: doc.name, code, reason, err: detail }, 'sync: connection closed')
    peer.close(code, reason)
  }

  function handleUpdate(update: Uint8Array): void {
    if (!writable) {
      let changes: boolean
      try {
        changes = updateChangesDoc(doc.doc, update)
      } catch (error) {
        throw new BadMessageError('The update does not decode', { cause: error })
      }
      if (changes) refuse(LIVE_CLOSE.readOnly, 'read-only document')
      return
    }
    try {
      // Decoding in full first: a malformed update is refused before it touches the document.
      Y.decodeUpdate(update)
    } catch (error) {
      throw new BadMessageError('The update does not decode', { cause: error })
    }
    deps.hub.applyClientUpdate(doc, peer, update, deps.maxDraftBytes)
  }

  function handleMessage(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === SYNC_STEP1) peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc.doc, payload)))
      else if (step === SYNC_STEP2 || step === SYNC_UPDATE) handleUpdate(payload)
      else throw new BadMessageError(`Unknown sync step ${step}`)
    } else if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder)
      // Viewers' presence is nobody's business, and relaying it between hundreds of viewers
      // would cost more than the document; it is echoed to the sender, whose provider counts
      // its own awareness echo as a sign that the connection is alive.
      if (writable) deps.awareness.apply(doc, peer, update)
      else peer.send(data)
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      if (writable) deps.awareness.sendAll(doc, peer)
    } else if (type !== MESSAGE_AUTH) {
      throw new BadMessageError(`Unknown message type ${type}`)
    }
  }

  ws.on('message', (data, isBinary) => {
    if (doc.unloaded) return
    if (!isBinary) return refuse(LIVE_CLOSE.badMessage, 'binary messages only')
    const bytes = toBytes(data)
    if (bytes.length > deps.maxMessageBytes) return refuse(LIVE_CLOSE.messageTooBig, 'message too big')
    try {
      handleMessage(bytes)
    } catch (error) {
      if (error instanceof UpdateRejectedError) refuse(LIVE_CLOSE.tooLarge, 'document too large')
      else refuse(LIVE_CLOSE.badMessage, 'bad message', error)
    }
  })

  // Read-only documents do not ask the client for its state: it has nothing the server takes.
  if (writable) {
    peer.send(encodeSyncStep1(Y.encodeStateVector(doc.doc)))
    deps.awareness.sendAll(doc, peer)
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
