// The Dashboard's live document: while signed in, the studio's copy of creator:<username> is loaded
// from SQLite first (so the Dashboard opens offline with the last known numbers), then linked to
// the server, which sends only what the copy misses; every update that arrives is stored before
// anyone hears of it. New notifications that arrive live become `dashboard.notify` events (desktop
// notifications) when the person has notifications on; what arrived while away stays in the feed.
import * as Y from 'yjs'
import { creatorDocName, LIVE_CLOSE } from '../../../shared/api/live-docs'
import type { Dashboard } from '../../../shared/rpc/contract'
import type { AccountService } from '../account/account-service'
import type { CoreEvents } from '../core-events'
import type { ReelStore } from '../library/reel-store'
import { describeNotification, readCreatorDoc } from './dashboard-snapshot'
import { openLiveDocLink, type LinkState, type LiveDocLink } from './live-doc-link'
import type { LiveDocStore } from './live-doc-store'
import type { Outbox } from './outbox'

/** At most this many desktop notifications for one burst of updates: a flood helps nobody. */
const NOTIFY_PER_UPDATE = 3
const CHANGED_COALESCE_MS = 30

/** Updates applied from the local copy: not new, so neither stored again nor announced. */
const FROM_DISK = Symbol('from-disk')

export interface CreatorDashboardOptions {
  account: AccountService
  store: LiveDocStore
  reels: ReelStore
  outbox: Outbox
  events: CoreEvents
  notificationsOn: () => boolean
  maxBackoffMs?: number
}

interface Linked {
  serverUrl: string
  username: string
  doc: Y.Doc
  /** Set right after the document is wired, before anything can arrive on it. */
  link?: LiveDocLink
  state: LinkState
  syncedAt: string | null
  /** Notification ids already seen, so only new ones are announced. */
  seen: Set<string>
  /** Set once the first sync of this run is done: what comes after is live. */
  live: boolean
}

export function createCreatorDashboard(options: CreatorDashboardOptions) {
  const { account, store, reels, outbox, events } = options
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
    const content = readCreatorDoc(current.doc)
    return {
      sync: {
        state: current.state,
        serverUrl: current.serverUrl,
        username: current.username,
        syncedAt: current.syncedAt,
      },
      totals: content.totals,
      reels: content.reels.map((reel) => {
        const item = reels.get(reel.reelId)
        return {
          ...reel,
          local: item ? { thumbnailCount: item.thumbnailCount, updatedAt: item.updatedAt } : null,
        }
      }),
      notifications: content.notifications,
      outbox: outbox.list(current.serverUrl, current.username),
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
    const { notifications, reels: stats } = readCreatorDoc(linked.doc)
    const fresh = notifications.filter((notification) => !linked.seen.has(notification.id))
    for (const notification of fresh) linked.seen.add(notification.id)
    if (!linked.live || fresh.length === 0 || !options.notificationsOn()) return
    const captionOf = (reelId: string) => stats.find((reel) => reel.reelId === reelId)?.caption
    for (const notification of fresh.slice(0, NOTIFY_PER_UPDATE)) {
      events.emit('dashboard.notify', { ...describeNotification(notification, captionOf), notification })
    }
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
      const scope = `${session.serverUrl} ${session.userId}`
      const stored = store.load(scope, docName)
      if (stored) Y.applyUpdate(doc, stored, FROM_DISK)
      const linked: Linked = {
        serverUrl: session.serverUrl,
        username: session.username,
        doc,
        state: 'syncing',
        syncedAt: store.syncedAt(scope, docName),
        seen: new Set(readCreatorDoc(doc).notifications.map((notification) => notification.id)),
        live: false,
      }
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === FROM_DISK || current !== linked) return
        store.append(scope, docName, update)
        if (linked.state === 'online') linked.syncedAt = store.markSynced(scope, docName)
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
            linked.live = true
            // Back online: what the creator did while away goes out now.
            void outbox.flush()
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
