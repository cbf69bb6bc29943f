// draft.* — the editor's drafts as Yjs documents (load, apply a window's update) and the limits the
// editor holds them to.
import type { ReelLimits } from '../../../shared/rpc/contract'
import type { DraftDocs } from '../drafts/draft-docs'
import type { HandlerMap } from '../rpc/dispatcher'

export function draftHandlers(drafts: DraftDocs, limits: () => Promise<ReelLimits>): HandlerMap {
  return {
    'draft.load': ({ id }) => drafts.load(id),
    // The contract's regex proves it is base64, so decoding cannot silently drop characters.
    'draft.apply': ({ id, update }) => drafts.apply(id, new Uint8Array(Buffer.from(update, 'base64'))),
    'draft.limits': () => limits(),
  }
}
