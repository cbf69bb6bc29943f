// The Dashboard's live document: while signed in, the studio's copy of creator:<username> is loaded
// from SQLite first (so the Dashboard opens offline with the last known numbers), then linked to
// the server, which sends only what the copy misses; every update that arrives is stored before
// anyone hears of it. New notifications that arrive live become `dashboard.notify` events (desktop
// notifications) when the person has notifications on — what a reconnect catches up on is one
// summary; what arrived while the studio was closed stays in the feed. The creator's own like of
// each reel is laid over the numbers (reel-likes.ts, like-overlay.ts).
import * as Y from 'yjs'
import { creatorDocName, LIVE_CLOSE, type LiveNotification } from '../../../shared/api/live-docs'
import type { Dashboard } from '../../../shared/rpc/contract'
import type { AccountService, Session } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import type { ReelStore } from '../library/reel-store'
import { noticeFor } from './dashboard-notices'
import { readCreatorDoc } from './dashboard-snapshot'
import { withOwnLikes } from './like-overlay'
import { openLiveDocLink, type LinkState, type LiveDocLink } from './live-doc-link'
import { accountScope, type LiveDocStore } from './live-doc-store'
import type { Outbox } from './outbox'
import type { ReelLikes } from './reel-likes'

const CHANGED_COALESCE_MS = 30
/**
 * News is told this long after the first of it (or after a reconnect's sync), so what comes
 * together is one notice: the server writes a burst over a few of its 250 ms ticks, so a catch-up
 * can trail just behind the sync.
 */
const NOTICE_GATHER_MS = 750

/** Updates applied from the local copy: not new, so neither stored again nor announced. */
const FROM_DISK = Symbol('from-disk')

export interface CreatorDashboardOptions {
  account: AccountService
  store: LiveDocStore
  reels: ReelStore
  outbox: Outbox
  likes: ReelLikes
  events: CoreEvents
  notificationsOn: () => boolean
  maxBackoffMs?: number
}

interface Linked {
  session: Session
  doc: Y.Doc
  /** Set right after the document is wired, before anything can arrive on it. */
  link?: LiveDocLink
  state: LinkState
  syncedAt: string | null
  /** Notification ids already seen, so only new ones are announced. */
  seen: Set<string>
  /** Set once the first sync of this run is done: what comes after is live. */
  live: boolean
  /** News not told yet, newest first: gathered for a moment (and through a reconnect's catch-up),
   * then told as one notice when `tellTimer` fires. */
  held: LiveNotification[]
  tellTimer: NodeJS.Timeout | null
  /** Reels whose like was asked for on this link: a reel the server has no answer for is not
   * asked again on every update, only on the next reconnect. */
  asked: Set<string>
}

export function createCreatorDashboard(options: CreatorDashboardOptions) {
  const { account, store, reels, outbox, likes, events } = options
  let current: Linked | null = null
  let generation = 0
  let changedTimer: NodeJS.Timeout | null = null
  let closed = false

  function snapshot(): Dashboard {
    if (!current) {
      return {
        sync: { state: 'signed-out', serverUrl: account.get().serverUrl, username: null, syncedAt: null },
        totals: null,
        reels: [],
        notifications: [],
        outbox: [],
      }
    }
    const { serverUrl, username } = current.session
    const content = readCreatorDoc(current.doc)
    const own = withOwnLikes(
      content.reels,
      content.totals,
      likes.known(accountScope(current.session)),
      outbox.waitingLikes(serverUrl, username),
    )
    return {
      sync: { state: current.state, serverUrl, username, syncedAt: current.syncedAt },
      totals: own.totals,
      reels: own.reels.map((reel) => {
        const item = reels.get(reel.reelId)
        return {
          ...reel,
          local: item ? { thumbnailCount: item.thumbnailCount, updatedAt: item.updatedAt } : null,
        }
      }),
      notifications: content.notifications,
      outbox: outbox.list(serverUrl, username),
    }
  }

  function changed(): void {
    if (changedTimer || closed) return
    changedTimer = setTimeout(() => {
      changedTimer = null
      if (!closed) events.emit('dashboard.changed', snapshot())
    }, CHANGED_COALESCE_MS)
  }

  function announceNew(linked: Linked): void {
    const fresh = readCreatorDoc(linked.doc).notifications.filter(
      (notification) => !linked.seen.has(notification.id),
    )
    for (const notification of fresh) linked.seen.add(notification.id)
    if (!linked.live || fresh.length === 0 || !options.notificationsOn()) return
    linked.held.unshift(...fresh)
    // While catching up after a reconnect, the gathering starts once in sync.
    if (linked.state === 'online') gatherNews(linked)
  }

  function gatherNews(linked: Linked): void {
    if (linked.tellTimer) return
    linked.tellTimer = setTimeout(() => {
      linked.tellTimer = null
      if (current === linked) tellHeld(linked)
    }, NOTICE_GATHER_MS)
  }

  function tellHeld(linked: Linked): void {
    const { reels: stats } = readCreatorDoc(linked.doc)
    const captionOf = (reelId: string) => stats.find((reel) => reel.reelId === reelId)?.caption
    const notice = noticeFor(linked.held.splice(0), captionOf)
    if (notice) events.emit('dashboard.notify', notice)
  }

  /** Asks the server for the creator's like of each reel (all when back online, else the new ones). */
  function refreshLikes(linked: Linked, onlyUnknown: boolean): void {
    const known = likes.known(accountScope(linked.session))
    const reelIds = readCreatorDoc(linked.doc)
      .reels.map((reel) => reel.reelId)
      .filter((reelId) => !onlyUnknown || !(known.has(reelId) || linked.asked.has(reelId)))
    if (reelIds.length === 0) return
    for (const reelId of reelIds) linked.asked.add(reelId)
    void likes.refresh(linked.session, reelIds).then(() => {
      if (current === linked) changed()
    })
  }

  /**
   * The rail's server state is the account's: the link notices a server going away or coming back
   * at once, where the upload queue only notices when it has something to send.
   */
  function shareReachability(state: LinkState): void {
    if (state === 'offline') account.setConnection('offline')
    else if (state === 'online' && account.get().connection === 'offline') account.setConnection('online')
  }

  function unlink(): void {
    if (current?.tellTimer) clearTimeout(current.tellTimer)
    current?.link?.close()
    current?.doc.destroy()
    current = null
  }

  async function relink(): Promise<void> {
    const mine = ++generation
    const session = await account.session().catch(() => null)
    if (mine !== generation || closed) return
    unlink()
    if (session) {
      const docName = creatorDocName(session.username)
      const doc = new Y.Doc()
      // The local copy's key: the same name on a reset server (new user ids) is another history.
      const scope = accountScope(session)
      const stored = store.load(scope, docName)
      if (stored) Y.applyUpdate(doc, stored, FROM_DISK)
      const linked: Linked = {
        session,
        doc,
        state: 'syncing',
        syncedAt: store.syncedAt(scope, docName),
        seen: new Set(readCreatorDoc(doc).notifications.map((notification) => notification.id)),
        live: false,
        held: [],
        tellTimer: null,
        asked: new Set(),
      }
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === FROM_DISK || current !== linked) return
        store.append(scope, docName, update)
        if (linked.state === 'online') {
          linked.syncedAt = store.markSynced(scope, docName)
          // A reel published meanwhile: learn whether the creator likes it.
          refreshLikes(linked, true)
        }
        announceNew(linked)
        changed()
      })
      current = linked
      linked.link = openLiveDocLink({
        serverUrl: session.serverUrl,
        token: session.token,
        docName,
        doc,
        maxBackoffMs: options.maxBackoffMs,
        onState: (state) => {
          if (current !== linked) return
          linked.state = state
          shareReachability(state)
          if (state === 'online') {
            linked.syncedAt = store.markSynced(scope, docName)
            if (linked.live && linked.held.length > 0) gatherNews(linked)
            linked.live = true
            // Back online: what the creator did while away goes out now, and likes made on
            // another device meanwhile come in.
            void outbox.flush()
            refreshLikes(linked, false)
          }
          changed()
        },
        onRefused: (code) => {
          if (current !== linked || code !== LIVE_CLOSE.readOnly) return
          // Only the server writes this document, so if it ever calls our copy a change, the copy
          // has diverged from its history: start again from what the server has.
          store.clear(scope, docName)
          void start()
        },
      })
    }
    changed()
  }

  // The latest relink: a dashboard.get right after start or sign-in waits for the local copy.
  let linking: Promise<void> = Promise.resolve()
  const start = () => (linking = relink())
  const offSession = account.onSessionChange(() => void start())

  return {
    start,
    /** The Dashboard once the current session's copy is loaded (not waiting for the server). */
    async snapshot(): Promise<Dashboard> {
      await linking
      return snapshot()
    },
    /** A reel's caption as the Dashboard knows it (for the words of an outbox item). */
    captionOf(reelId: string): string | undefined {
      return current
        ? readCreatorDoc(current.doc).reels.find((reel) => reel.reelId === reelId)?.caption
        : undefined
    },
    /** The outbox changed: the Dashboard's "waiting to send" list with it. */
    changed,
    close(): void {
      closed = true
      generation++
      offSession()
      if (changedTimer) clearTimeout(changedTimer)
      unlink()
    },
  }
}

export type CreatorDashboard = ReturnType<typeof createCreatorDashboard>
