// Drafts as live Yjs documents in the core: loaded from draft_updates on first use (compacted when
// many updates piled up), changed only by validated updates from a window, persisted before anyone
// hears of the change, and mirrored into the library item's caption so the Library shows it.
import * as Y from 'yjs'
import {
  captionText,
  editMap,
  readDraftEdit,
  type DraftEdit,
  type DraftEditField,
} from '../../../shared/reel/draft-edit'
import { RpcError } from '../../../shared/rpc/envelope'
import type { CoreEvents } from '../core-events'
import type { ReelStore } from '../library/reel-store'
import type { DraftUpdateStore } from './draft-update-store'

/** More rows than this are folded into one snapshot on load: load time stays flat however long a draft is edited. */
export const COMPACT_AFTER_UPDATES = 50

export interface DraftState {
  /** The whole document as one Yjs update, base64. */
  update: string
  /** Its state vector, base64: what a peer needs to send only what is missing. */
  stateVector: string
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

export function createDraftDocs(deps: { updates: DraftUpdateStore; reels: ReelStore; events: CoreEvents }) {
  const { updates, reels, events } = deps
  const docs = new Map<string, Y.Doc>()

  function open(id: string): Y.Doc {
    if (!reels.get(id)) throw new RpcError('not_found', 'This video is no longer in the library')
    const cached = docs.get(id)
    if (cached) return cached
    const doc = new Y.Doc()
    const stored = updates.updates(id)
    // mergeUpdates first: one integration instead of hundreds, and the same bytes we may store.
    if (stored.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored))
    if (stored.length > COMPACT_AFTER_UPDATES) updates.replaceWithSnapshot(id, Y.encodeStateAsUpdate(doc))
    // Changes from anywhere but a window (the server's copy, through draft sync) are stored and
    // announced here; a window's go through apply(), which checks them first.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'window') return
      updates.append(id, update)
      mirrorCaption(id, doc)
      events.emit('draft.updated', { id, update: toBase64(update) })
    })
    docs.set(id, doc)
    return doc
  }

  /** Throws invalid_params unless the bytes are a Yjs update that integrates cleanly. */
  function check(doc: Y.Doc, bytes: Uint8Array): void {
    try {
      // decodeUpdate parses every struct, so garbage and cut-off updates fail here…
      Y.decodeUpdate(bytes)
      // …and a trial copy catches what parses but cannot be integrated, before the real doc is touched.
      const trial = new Y.Doc()
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc))
      Y.applyUpdate(trial, bytes)
      trial.destroy()
    } catch {
      throw new RpcError('invalid_params', 'The draft change is not a valid Yjs update; nothing was saved')
    }
  }

  function mirrorCaption(id: string, doc: Y.Doc): void {
    const caption = captionText(doc).toString()
    if (reels.get(id)?.caption === caption) return
    reels.setCaption(id, caption)
    events.emit('library.changed', { id, change: 'updated' })
  }

  return {
    load(id: string): DraftState {
      const doc = open(id)
      return {
        update: toBase64(Y.encodeStateAsUpdate(doc)),
        stateVector: toBase64(Y.encodeStateVector(doc)),
      }
    },
    /** Applies a window's update; answers whether it changed anything (a repeat changes nothing). */
    apply(id: string, update: Uint8Array): { changed: boolean } {
      const doc = open(id)
      check(doc, update)
      let effective: Uint8Array | null = null
      const onUpdate = (bytes: Uint8Array) => {
        effective = effective ? Y.mergeUpdates([effective, bytes]) : bytes
      }
      doc.on('update', onUpdate)
      try {
        Y.applyUpdate(doc, update, 'window')
      } finally {
        doc.off('update', onUpdate)
      }
      if (!effective) return { changed: false }
      updates.append(id, effective)
      mirrorCaption(id, doc)
      events.emit('draft.updated', { id, update: toBase64(effective) })
      return { changed: true }
    },
    /** The edit as the editor reads it (repaired where a peer wrote nonsense). */
    edit(id: string): DraftEdit {
      const doc = open(id)
      return readDraftEdit(doc, reels.get(id)!.probe.durationMs)
    },
    /** A change the core makes itself ("use this sound"): one step, stored, synced and announced like a peer's. */
    change(id: string, fields: Partial<Record<DraftEditField, unknown>>): void {
      const doc = open(id)
      doc.transact(() => {
        for (const [field, value] of Object.entries(fields)) editMap(doc).set(field, value)
      }, 'core')
    },
    /** The live document, for draft sync: what another origin applies to it is persisted like an edit. */
    doc: open,
    /** Forgets a deleted item's document (its rows go with the reel by foreign key). */
    forget(id: string): void {
      docs.get(id)?.destroy()
      docs.delete(id)
    },
    close(): void {
      for (const doc of docs.values()) doc.destroy()
      docs.clear()
    },
  }
}

export type DraftDocs = ReturnType<typeof createDraftDocs>
