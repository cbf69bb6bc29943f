// The creator's reels opened from the Dashboard: while a reel's panel is open, the core reads its
// reel:<id> document (live counts and the latest comments) over its own link to the server, and
// lets it go on close, so at most a few reel documents are connected at a time. The core never
// writes these documents (only the server does). Offline, the panel shows the Dashboard row's last
// known numbers; a reel removed by moderation (closed with LIVE_CLOSE.gone, or marked removed in
// creator:<username>) is "removed" and not asked for again until the Dashboard says it is back.
import * as Y from 'yjs'
import { LIVE_CLOSE, reelDocName } from '../../../shared/api/live-docs'
import { readLiveReelDoc } from '../../../shared/api/live-reel-doc'
import type { Dashboard, DashboardReel, ReelDetail } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import type { AccountService } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import { openLiveDocLink, type LiveDocLink } from './live-doc-link'
import type { Outbox } from './outbox'

/**
 * Reels linked at once. A window that went away without closing its panel (a crash, a reload)
 * leaves its reel open; the oldest opened is let go past this, so such leftovers stay bounded.
 */
export const MAX_OPEN_REELS = 3

export interface ReelWatchOptions {
  account: Pick<AccountService, 'session' | 'onSessionChange'>
  /** The Dashboard once its local copy is loaded: which reels are the creator's, and their rows. */
  dashboard: { snapshot(): Promise<Dashboard> }
  outbox: Pick<Outbox, 'waitingCommentDeletes'>
  events: CoreEvents
  maxBackoffMs?: number
}

interface OpenReel {
  reelId: string
  /** Windows that have it open. */
  opens: number
  doc: Y.Doc
  link: LiveDocLink | null
  /** Counts links made, so callbacks of a replaced link are ignored. */
  linkGeneration: number
  state: ReelDetail['state']
  /** When reel:<id> last matched the server in this run. */
  syncedAt: string | null
  /** The server closed it as gone: stay removed until the Dashboard row has been removed and restored. */
  closedGone: boolean
  /** The Dashboard row said "removed" when last looked at. */
  rowRemoved: boolean
  /** The last detail told (as JSON), so an unchanged one is not sent again. */
  told: string
}

const countsOf = (reel: DashboardReel) => ({
  views: reel.views,
  likes: reel.likes,
  comments: reel.comments,
  shares: reel.shares,
})

export function createReelWatch(options: ReelWatchOptions) {
  const { account, outbox, events } = options
  const open = new Map<string, OpenReel>()
  let dashboard: Dashboard | null = null
  // Opens and closes take turns: a close that arrives while its open still waits for the Dashboard
  // (a panel shown and hidden at once) must find the reel, not leave it open for nobody.
  let turns: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(step: () => Promise<T> | T): Promise<T> => {
    const run = turns.then(step)
    turns = run.catch(() => undefined)
    return run
  }

  const rowOf = (reelId: string) => dashboard?.reels.find((reel) => reel.reelId === reelId) ?? null

  function detail(watch: OpenReel): ReelDetail {
    const reel = rowOf(watch.reelId)
    const { counts, comments } = readLiveReelDoc(watch.doc)
    const sync = dashboard?.sync
    const waiting = sync?.username ? outbox.waitingCommentDeletes(sync.serverUrl, sync.username) : new Set()
    return {
      reelId: watch.reelId,
      state: watch.state,
      reel,
      counts: counts ?? (reel ? countsOf(reel) : null),
      countsLive: counts !== null,
      comments,
      deleting: comments.filter((comment) => waiting.has(comment.id)).map((comment) => comment.id),
      syncedAt: counts !== null ? watch.syncedAt : (sync?.syncedAt ?? null),
    }
  }

  function tell(watch: OpenReel): void {
    if (open.get(watch.reelId) !== watch) return
    const next = detail(watch)
    const json = JSON.stringify(next)
    if (json === watch.told) return
    watch.told = json
    events.emit('dashboard.reel', next)
  }

  function unlink(watch: OpenReel): void {
    watch.link?.close()
    watch.link = null
    watch.linkGeneration++
  }

  function markRemoved(watch: OpenReel): void {
    unlink(watch)
    watch.state = 'removed'
  }

  /** Links the reel to the server with the current session, on a fresh document. */
  async function link(watch: OpenReel): Promise<void> {
    const session = await account.session().catch(() => null)
    if (open.get(watch.reelId) !== watch) return
    unlink(watch)
    if (watch.state === 'removed') return
    // A new session may be another server: nothing of the old copy may carry over.
    watch.doc.destroy()
    watch.doc = new Y.Doc()
    const doc = watch.doc
    if (!session) {
      watch.state = 'offline'
      tell(watch)
      return
    }
    doc.on('update', () => {
      if (watch.doc !== doc) return
      if (watch.state === 'online') watch.syncedAt = new Date().toISOString()
      tell(watch)
    })
    const mine = watch.linkGeneration
    watch.link = openLiveDocLink({
      serverUrl: session.serverUrl,
      token: session.token,
      docName: reelDocName(watch.reelId),
      doc,
      maxBackoffMs: options.maxBackoffMs,
      onState: (state) => {
        if (watch.linkGeneration !== mine) return
        watch.state = state
        if (state === 'online') watch.syncedAt = new Date().toISOString()
        tell(watch)
      },
      onRefused: (code) => {
        if (watch.linkGeneration !== mine || code !== LIVE_CLOSE.gone) return
        watch.closedGone = true
        markRemoved(watch)
        tell(watch)
      },
    })
    tell(watch)
  }

  /** The Dashboard row moved on: a removal or a restore by moderation, new numbers, the outbox. */
  function follow(watch: OpenReel): void {
    const removed = Boolean(rowOf(watch.reelId)?.removedAt)
    const restored = watch.rowRemoved && !removed
    watch.rowRemoved = removed
    if (removed) markRemoved(watch)
    else if (watch.state === 'removed' && (restored || !watch.closedGone)) {
      watch.closedGone = false
      watch.state = 'syncing'
      void link(watch)
    }
    tell(watch)
  }

  function drop(watch: OpenReel): void {
    open.delete(watch.reelId)
    unlink(watch)
    watch.doc.destroy()
  }

  const offEvents = events.subscribe((name, payload) => {
    if (name !== 'dashboard.changed') return
    dashboard = payload as Dashboard
    for (const watch of open.values()) follow(watch)
  })
  const offSession = account.onSessionChange(() => {
    for (const watch of open.values()) void link(watch)
  })

  /** Opens the reel for one window (the creator's own reels only) and answers what is known now. */
  async function openReel(reelId: string): Promise<ReelDetail> {
    dashboard = await options.dashboard.snapshot()
    if (dashboard.sync.state === 'signed-out') {
      throw new RpcError('unavailable', 'Sign in to your Spool server first.')
    }
    const row = rowOf(reelId)
    if (!row) throw new RpcError('not_found', 'This reel is not on your Dashboard.')
    let watch = open.get(reelId)
    if (watch) {
      watch.opens++
      // Most recently opened last: the one let go first is the one opened longest ago.
      open.delete(reelId)
      open.set(reelId, watch)
    } else {
      watch = {
        reelId,
        opens: 1,
        doc: new Y.Doc(),
        link: null,
        linkGeneration: 0,
        state: row.removedAt ? 'removed' : 'syncing',
        syncedAt: null,
        closedGone: false,
        rowRemoved: Boolean(row.removedAt),
        told: '',
      }
      open.set(reelId, watch)
      for (const oldest of open.values()) {
        if (open.size <= MAX_OPEN_REELS) break
        drop(oldest)
      }
      await link(watch)
    }
    const now = detail(watch)
    watch.told = JSON.stringify(now)
    return now
  }

  function release(reelId: string): boolean {
    const watch = open.get(reelId)
    if (!watch) return false
    watch.opens--
    if (watch.opens > 0) return false
    drop(watch)
    return true
  }

  return {
    /** Opens the reel for one window (the creator's own reels only) and answers what is known now. */
    open: (reelId: string): Promise<ReelDetail> => inTurn(() => openReel(reelId)),
    /** One window closed the reel; its link goes once no window has it open. */
    release: (reelId: string): Promise<boolean> => inTurn(() => release(reelId)),
    /** The reels linked now, oldest opened first. */
    openReels: (): string[] => [...open.keys()],
    close(): void {
      offEvents()
      offSession()
      for (const watch of [...open.values()]) drop(watch)
    },
  }
}

export type ReelWatch = ReturnType<typeof createReelWatch>
