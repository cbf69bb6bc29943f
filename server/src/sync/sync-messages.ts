// The y-websocket wire format (y-protocols): each message is a varUint type, then its body.
// sync: [0, step, varUint8Array]; awareness: [1, varUint8Array]; queryAwareness: [3].
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

/** A document update, as broadcast to every connection of a document. */
export const encodeSyncUpdate = (update: Uint8Array) => syncMessage(SYNC_UPDATE, update)
/** The answer to a client's step 1: what it is missing. */
export const encodeSyncStep2 = (update: Uint8Array) => syncMessage(SYNC_STEP2, update)
/** The server's state vector, asking the client for what the server is missing. */
export const encodeSyncStep1 = (stateVector: Uint8Array) => syncMessage(SYNC_STEP1, stateVector)

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
