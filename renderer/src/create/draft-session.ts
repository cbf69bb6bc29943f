// The editor's side of a draft: its own Y.Doc, loaded from the core, kept in step with other
// windows (draft.updated), and saved by sending this window's updates (draft.apply) ~300 ms after
// the last edit. Undo/redo is Y.UndoManager over this window's edits only, so undo never takes back
// what another machine or window did. Plain TS (no React), so it runs in unit tests.
import * as Y from 'yjs'
import type { StudioClient } from '../../../shared/rpc/client'
import {
  captionText,
  editMap,
  readDraftEdit,
  type DraftEdit,
  type DraftEditField,
} from '../../../shared/reel/draft-edit'
import { RpcError } from '../../../shared/rpc/envelope'

/** This window's edits: the only origin the undo manager tracks. */
const LOCAL = 'local-edit'
/** Chosen for the creator (the automatic cover): saved, but not an undo step. */
const AUTOMATIC = 'automatic'
const REMOTE = 'core'
export const AUTOSAVE_DELAY_MS = 300
const RETRY_MS = 2000

export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

export interface DraftSnapshot {
  edit: DraftEdit
  save: SaveState
  saveError: string | null
  canUndo: boolean
  canRedo: boolean
}

const toBase64 = (bytes: Uint8Array) => {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  return btoa(binary)
}
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

/** The smallest delete+insert that turns `before` into `after`, so concurrent typing merges by character. */
export function textChange(
  before: string,
  after: string,
): { at: number; remove: number; insert: string } | null {
  if (before === after) return null
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1
  let end = 0
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end += 1
  return { at: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) }
}

export async function openDraftSession(client: StudioClient, id: string, durationMs: number) {
  const doc = new Y.Doc()
  const state = await client.call('draft.load', { id })
  Y.applyUpdate(doc, fromBase64(state.update), REMOTE)
  const undo = new Y.UndoManager([editMap(doc), captionText(doc)], { trackedOrigins: new Set([LOCAL]) })
  const listeners = new Set<() => void>()
  let pending: Uint8Array[] = []
  let sending: Promise<void> | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let save: SaveState = 'saved'
  let saveError: string | null = null
  let closed = false

  let snapshot = makeSnapshot()
  function makeSnapshot(): DraftSnapshot {
    return {
      edit: readDraftEdit(doc, durationMs),
      save,
      saveError,
      canUndo: undo.canUndo(),
      canRedo: undo.canRedo(),
    }
  }
  function changed() {
    snapshot = makeSnapshot()
    for (const listener of [...listeners]) listener()
  }

  function schedule(delay = AUTOSAVE_DELAY_MS) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void flush(), delay)
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    if (sending) await sending
    if (pending.length === 0) return
    const batch = pending
    pending = []
    save = 'saving'
    changed()
    sending = client
      .call('draft.apply', { id, update: toBase64(Y.mergeUpdates(batch)) })
      .then(
        () => {
          save = pending.length > 0 ? 'pending' : 'saved'
          saveError = null
        },
        (error: unknown) => {
          if (error instanceof RpcError && error.code === 'invalid_params') {
            // The core refused it and will keep refusing it: retrying would loop forever.
            save = 'error'
            saveError = error.message
            return
          }
          // Disconnected or busy: keep the edits and try again; nothing typed is lost.
          pending = [...batch, ...pending]
          save = 'error'
          saveError = 'Not saved yet: the studio core did not answer. Retrying…'
          if (!closed) schedule(RETRY_MS)
        },
      )
      .finally(() => {
        sending = null
        if (!closed) changed()
      })
    await sending
  }

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) {
      pending.push(update)
      save = 'pending'
      schedule()
    }
    changed()
  })
  undo.on('stack-item-added', changed)
  undo.on('stack-item-popped', changed)
  const offRemote = client.on('draft.updated', (event) => {
    // Our own updates come back too; applying them again is a no-op in Yjs.
    if (event.id === id) Y.applyUpdate(doc, fromBase64(event.update), REMOTE)
  })

  /**
   * A trim, a fit, a cover is one undo step of its own: not merged with typing just before or after
   * it (the undo manager merges changes less than 500 ms apart, which is right for typing only).
   */
  function discrete(change: () => void, origin: unknown) {
    undo.stopCapturing()
    doc.transact(change, origin)
    undo.stopCapturing()
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    snapshot: () => snapshot,
    set<F extends DraftEditField>(field: F, value: DraftEdit[F]) {
      discrete(() => editMap(doc).set(field, value), LOCAL)
    },
    setMany(values: Partial<Omit<DraftEdit, 'caption'>>, automatic = false) {
      discrete(
        () => {
          for (const [field, value] of Object.entries(values)) editMap(doc).set(field, value)
        },
        automatic ? AUTOMATIC : LOCAL,
      )
    },
    setCaption(next: string) {
      const text = captionText(doc)
      const change = textChange(text.toString(), next)
      if (!change) return
      doc.transact(() => {
        if (change.remove > 0) text.delete(change.at, change.remove)
        if (change.insert) text.insert(change.at, change.insert)
      }, LOCAL)
    },
    undo: () => void undo.undo(),
    redo: () => void undo.redo(),
    /** Sends what is waiting now (leaving the screen, closing the window). */
    flush,
    async close() {
      await flush()
      closed = true
      offRemote()
      undo.destroy()
      doc.destroy()
      listeners.clear()
    },
  }
}

export type DraftSession = Awaited<ReturnType<typeof openDraftSession>>
