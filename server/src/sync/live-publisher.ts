// The server's side of the live documents: the engagement routes tell it what happened, and it
// brings reel:<id> and creator:<username> up to date from the database (live-queries.ts) through
// the hub, which stores and broadcasts the change. Document refreshes go through a throttle
// (write-throttle.ts), so a stream of views costs one update per interval per document;
// notifications are queued with the creator's refresh and never merged away.
import { ulid } from 'ulid'
import type * as Y from 'yjs'
import {
  LIKE_MILESTONES,
  LIVE_CLOSE,
  LIVE_COMMENTS_KEPT,
  LIVE_NOTIFICATIONS_KEPT,
  creatorDocName,
  parseLiveDocName,
  reelDocName,
  type LiveComment,
  type LiveCreatorTotals,
  type LiveNotification,
  type LiveReelStats,
} from '../../../shared/api/live-docs'
import type { LiveDoc, LiveDocHub } from './live-doc-hub'
import {
  pushNotification,
  reconcileComments,
  removeNotifications,
  setEntry,
  setNumbers,
} from './live-doc-writers'
import type { LiveQueries, ReelStatsRow } from './live-queries'
import { createWriteThrottle } from './write-throttle'

/** The reel an engagement event was about, as the routes already know it. */
export interface EngagedReelRef {
  id: string
  creatorId: string
}

interface CreatorChanges {
  reelIds: Set<string>
  notifications: LiveNotification[]
  /** A comment was deleted: drop notifications about comments that no longer exist. */
  pruneComments: boolean
}

const countsOf = ({ views, likes, comments, shares }: ReelStatsRow) => ({ views, likes, comments, shares })
const reelEntry = ({ views, likes, comments, shares, caption, publishedAt, removedAt }: ReelStatsRow) => ({
  views,
  likes,
  comments,
  shares,
  caption,
  publishedAt,
  ...(removedAt === undefined ? {} : { removedAt }),
})

export function createLivePublisher(deps: {
  hub: LiveDocHub
  queries: LiveQueries
  intervalMs: number
  onError: (error: unknown, doc: string) => void
}) {
  const { hub, queries } = deps
  const reelComments = new Set<string>()
  const creatorChanges = new Map<string, CreatorChanges>()

  function writeReel(doc: Y.Doc, reelId: string, withComments: boolean): void {
    const stats = queries.reelStats(reelId)
    if (!stats) return
    setNumbers(doc.getMap('counts'), countsOf(stats))
    if (withComments) {
      reconcileComments(
        doc.getArray<LiveComment>('comments'),
        queries.latestComments(reelId, LIVE_COMMENTS_KEPT),
      )
    }
  }

  function writeTotals(doc: Y.Doc, creatorId: string): void {
    const totals: LiveCreatorTotals = { views: 0, likes: 0, comments: 0, shares: 0, followers: 0, reels: 0 }
    // The per-reel entries are already the database's numbers: adding them up here saves
    // counting every view of every reel again. Removed reels are listed but no longer count.
    for (const value of doc.getMap<Partial<LiveReelStats>>('reels').values()) {
      if (value.removedAt !== undefined) continue
      totals.views += value.views ?? 0
      totals.likes += value.likes ?? 0
      totals.comments += value.comments ?? 0
      totals.shares += value.shares ?? 0
      totals.reels++
    }
    totals.followers = queries.followerCount(creatorId)
    setNumbers(doc.getMap('totals'), totals)
  }

  function writeCreator(doc: Y.Doc, creatorId: string, changes: CreatorChanges | 'everything'): void {
    const reels = doc.getMap<unknown>('reels')
    const notifications = doc.getArray<LiveNotification>('notifications')
    if (changes === 'everything') {
      const rows = queries.creatorReelStats(creatorId)
      const listed = new Set(rows.map((r) => r.id))
      for (const key of [...reels.keys()]) if (!listed.has(key)) reels.delete(key)
      for (const row of rows) setEntry(reels, row.id, reelEntry(row))
    } else {
      for (const reelId of changes.reelIds) {
        const row = queries.dashboardReel(reelId)
        setEntry(reels, reelId, row && reelEntry(row))
      }
      for (const item of changes.notifications) pushNotification(notifications, item, LIVE_NOTIFICATIONS_KEPT)
    }
    if (changes === 'everything' || changes.pruneComments) {
      removeNotifications(notifications, (n) => n.kind === 'comment' && !queries.commentExists(n.id))
    }
    writeTotals(doc, creatorId)
  }

  const throttle = createWriteThrottle(
    deps.intervalMs,
    (name) => {
      const kind = parseLiveDocName(name)
      if (kind?.kind === 'reel') {
        const withComments = reelComments.delete(kind.reelId)
        hub.write(name, kind, (doc) => writeReel(doc, kind.reelId, withComments))
      } else if (kind?.kind === 'creator') {
        const user = queries.userByName(kind.username)
        const changes = creatorChanges.get(name)
        creatorChanges.delete(name)
        if (user && changes) hub.write(name, kind, (doc) => writeCreator(doc, user.id, changes))
      }
    },
    deps.onError,
  )

  function creatorChanged(creatorId: string, change: Partial<CreatorChanges>): void {
    const creator = queries.user(creatorId)
    if (!creator) return
    const name = creatorDocName(creator.username)
    let changes = creatorChanges.get(name)
    if (!changes) {
      changes = { reelIds: new Set(), notifications: [], pruneComments: false }
      creatorChanges.set(name, changes)
    }
    for (const id of change.reelIds ?? []) changes.reelIds.add(id)
    changes.notifications.push(...(change.notifications ?? []))
    changes.pruneComments ||= change.pruneComments ?? false
    throttle.ask(name)
  }

  function reelChanged(reel: EngagedReelRef, comments = false): void {
    if (comments) reelComments.add(reel.id)
    throttle.ask(reelDocName(reel.id))
    creatorChanged(reel.creatorId, { reelIds: new Set([reel.id]) })
  }

  const at = () => new Date().toISOString()

  return {
    /** A view that counted (the others change no number). */
    viewCounted(reel: EngagedReelRef): void {
      reelChanged(reel)
    },
    likeChanged(reel: EngagedReelRef, likes: number): void {
      reelChanged(reel)
      // Every milestone reached is recorded, but one jump (e.g. the first like on a reel that
      // had many before this existed) tells the creator only about the highest.
      const reached = LIKE_MILESTONES.filter((m) => m <= likes && queries.claimMilestone(reel.id, m))
      const top = reached.at(-1)
      if (top !== undefined) {
        creatorChanged(reel.creatorId, {
          notifications: [{ id: ulid(), kind: 'like_milestone', at: at(), reelId: reel.id, likes: top }],
        })
      }
    },
    commentAdded(
      reel: EngagedReelRef,
      comment: { id: string; text: string; parentId: string | null },
      author: { id: string; username: string },
    ) {
      reelChanged(reel, true)
      if (author.id === reel.creatorId) return
      creatorChanged(reel.creatorId, {
        notifications: [
          {
            id: comment.id,
            kind: 'comment',
            at: at(),
            reelId: reel.id,
            actor: author.username,
            text: comment.text,
            parentId: comment.parentId,
          },
        ],
      })
    },
    commentDeleted(reel: EngagedReelRef): void {
      reelChanged(reel, true)
      creatorChanged(reel.creatorId, { pruneComments: true })
    },
    shared(reel: EngagedReelRef): void {
      reelChanged(reel)
    },
    /** A reel was just published: its creator's dashboard lists it (reels map, totals.reels). */
    reelPublished(reel: EngagedReelRef): void {
      creatorChanged(reel.creatorId, { reelIds: new Set([reel.id]) })
    },
    /**
     * A reel was removed or restored (media-tree.ts's onStatusChange). Removed: whoever watches it
     * is closed with LIVE_CLOSE.gone (and new connections are refused with 410, sync-access.ts).
     * Either way its creator's dashboard marks or unmarks it and the totals follow.
     */
    reelStatusChanged(reelId: string): void {
      // Called in the middle of a removal (media-tree.ts): a failure here is logged, never thrown.
      try {
        const reel = queries.reel(reelId)
        if (!reel) return
        if (reel.status !== 'published') {
          hub.closeDoc(reelDocName(reelId), LIVE_CLOSE.gone, 'reel removed')
        }
        creatorChanged(reel.creatorId, { reelIds: new Set([reelId]) })
      } catch (error) {
        deps.onError(error, reelDocName(reelId))
      }
    },
    followChanged(followeeId: string, follower: string, nowFollowing: boolean): void {
      creatorChanged(followeeId, {
        notifications: nowFollowing ? [{ id: ulid(), kind: 'follower', at: at(), actor: follower }] : [],
      })
    },
    /**
     * For the hub's onLoad: a server document read from storage is brought up to the database's
     * state at once, covering whatever happened while it was not in memory (a reel published, a
     * write lost in a crash).
     */
    refresh(doc: LiveDoc): void {
      const { kind } = doc
      if (kind.kind === 'reel') {
        doc.doc.transact(() => writeReel(doc.doc, kind.reelId, true))
      } else if (kind.kind === 'creator') {
        const user = queries.userByName(kind.username)
        if (user) doc.doc.transact(() => writeCreator(doc.doc, user.id, 'everything'))
      }
    },
    /** Writes what is still waiting for its interval (shutdown, before the database closes). */
    stop(): void {
      throttle.stop()
    },
  }
}

export type LivePublisher = ReturnType<typeof createLivePublisher>
