// Would this update change the document? For the documents only the server writes: a client's
// handshake or a resent update that adds nothing is harmless, anything else is a write attempt.
// Yjs answers it from a snapshot (state vector + delete set) without applying anything.
import * as Y from 'yjs'

/** Throws when the update does not decode. */
export function updateChangesDoc(doc: Y.Doc, update: Uint8Array): boolean {
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update)
}
