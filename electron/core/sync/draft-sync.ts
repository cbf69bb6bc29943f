// Draft sync: while signed in, every draft in the library is linked to draft:<username>:<id> on the
// server, so the same creator's studios converge (Yjs merges edits made offline on reconnect). The
// link uses the core's own draft document: a window's edits go out as they are applied, and what
// arrives is stored and announced by draft-docs.ts like any edit. A draft only syncs where that
// library item exists (same id), since the document describes an edit of that item's video.
import { draftDocName } from '../../../shared/api/live-docs'
import type { AccountService, Session } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import type { DraftDocs } from '../drafts/draft-docs'
import type { ReelStore } from '../library/reel-store'
import { openLiveDocLink, type LiveDocLink } from './live-doc-link'

export interface DraftSyncOptions {
  account: AccountService
  drafts: DraftDocs
  reels: ReelStore
  events: CoreEvents
  maxBackoffMs?: number
  log?: { warn(obj: unknown, msg?: string): void }
}

export function createDraftSync(options: DraftSyncOptions) {
  const { account, drafts, reels, events, log = console } = options
  const links = new Map<string, LiveDocLink>()
  let session: Session | null = null
  let generation = 0
  let closed = false

  function unlink(id: string): void {
    links.get(id)?.close()
    links.delete(id)
  }

  /** Links every draft, unlinks what is no longer one (deleted, or encoded and on its way). */
  function reconcile(): void {
    if (closed) return
    const wanted = session ? new Set(reels.list({ status: 'draft' }).map((item) => item.id)) : new Set()
    for (const id of [...links.keys()]) if (!wanted.has(id)) unlink(id)
    if (!session) return
    for (const id of wanted as Set<string>) {
      if (links.has(id)) continue
      links.set(
        id,
        openLiveDocLink({
          serverUrl: session.serverUrl,
          token: session.token,
          docName: draftDocName(session.username, id),
          doc: drafts.doc(id),
          maxBackoffMs: options.maxBackoffMs,
          onRefused: (code, reason) => log.warn({ id, code, reason }, 'the server refused this draft’s sync'),
        }),
      )
    }
  }

  async function restart(): Promise<void> {
    const mine = ++generation
    const next = await account.session().catch(() => null)
    if (mine !== generation || closed) return
    for (const id of [...links.keys()]) unlink(id)
    session = next
    reconcile()
  }

  const offSession = account.onSessionChange(() => void restart())
  const offEvents = events.subscribe((name, payload) => {
    if (name !== 'library.changed') return
    const { id, change } = payload as { id: string; change: string }
    // A deleted item's document is destroyed by draft-docs: its link must go first or at once.
    if (change === 'deleted') unlink(id)
    else reconcile()
  })

  return {
    start: restart,
    close(): void {
      closed = true
      generation++
      offSession()
      offEvents()
      for (const id of [...links.keys()]) unlink(id)
    },
  }
}
