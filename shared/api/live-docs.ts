// The live documents of API.md "Live sync": their names and the shapes the server writes into
// them. The server is the only writer of reel:<id> and creator:<username>; the viewer app and the
// studio read them (and check what they read with these schemas, since a document is just bytes).
// draft:<username>:<draftId> is the one document a client writes: a creator's own draft, synced
// between that creator's machines.
import { z } from 'zod'
import { isReelId } from '../reel/reel-id'

export const SYNC_PATH = '/sync/'

/** How many comments reel:<id> keeps in its "comments" array (newest last). */
export const LIVE_COMMENTS_KEPT = 50
/** How many notifications creator:<username> keeps in its "notifications" array (newest last). */
export const LIVE_NOTIFICATIONS_KEPT = 100
/** Likes on one reel at which the creator gets a milestone notification. */
export const LIKE_MILESTONES = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000] as const

/**
 * Why the server closed a live-sync connection. 44xx tells y-websocket's provider not to
 * reconnect (its default shouldReconnect): the same message would be refused again.
 */
export const LIVE_CLOSE = {
  /** Not a y-websocket message the server understands, or an update that does not decode. */
  badMessage: 4400,
  /** A client tried to change reel:<id> or creator:<username>, which only the server writes. */
  readOnly: 4403,
  /** The draft would grow past the server's size limit for a draft document. */
  tooLarge: 4413,
  /** One message over the size limit for its document kind (RFC 6455 "message too big"). */
  messageTooBig: 1009,
  /**
   * reel:<id> — the reel is no longer published (removed by moderation): there is nothing to
   * watch, so do not reconnect. A new connection is refused with HTTP 410, like its media.
   */
  gone: 4410,
  /** The server dropped its copy of the document after a failed change; reconnect. */
  reloading: 4500,
  /**
   * The client fell too far behind: more was waiting to be sent to it than the server keeps per
   * connection. Reconnecting is right: the handshake sends what the client misses in one piece.
   */
  fellBehind: 4504,
  /** The server is shutting down; reconnecting later is right. */
  goingAway: 1001,
} as const

export type LiveDocName =
  | { kind: 'reel'; reelId: string }
  | { kind: 'creator'; username: string }
  | { kind: 'draft'; username: string; draftId: string }

const USERNAME = /^[a-z0-9_.]{3,30}$/

export const reelDocName = (reelId: string) => `reel:${reelId}`
export const creatorDocName = (username: string) => `creator:${username}`
export const draftDocName = (username: string, draftId: string) => `draft:${username}:${draftId}`

/** Parses a document name; null for anything that is not one of ours. */
export function parseLiveDocName(name: string): LiveDocName | null {
  const [kind, ...rest] = name.split(':')
  if (kind === 'reel' && rest.length === 1 && isReelId(rest[0]!)) return { kind, reelId: rest[0]! }
  if (kind === 'creator' && rest.length === 1 && USERNAME.test(rest[0]!)) {
    return { kind, username: rest[0]! }
  }
  if (kind === 'draft' && rest.length === 2 && USERNAME.test(rest[0]!) && isReelId(rest[1]!)) {
    return { kind, username: rest[0]!, draftId: rest[1]! }
  }
  return null
}

/** reel:<id> → getMap("counts"): the server sets each number to the database's count. */
export const liveCountsSchema = z.object({
  views: z.number().int().min(0),
  likes: z.number().int().min(0),
  comments: z.number().int().min(0),
  shares: z.number().int().min(0),
})
export type LiveCounts = z.infer<typeof liveCountsSchema>

/** reel:<id> → getArray("comments"): one entry per comment, newest last, plain JSON objects. */
export const liveCommentSchema = z.object({
  id: z.string(),
  author: z.string(),
  text: z.string(),
  parentId: z.string().nullable(),
  createdAt: z.string(),
})
export type LiveComment = z.infer<typeof liveCommentSchema>

/**
 * creator:<username>:
 * - getMap("totals"): LiveCreatorTotals
 * - getMap("reels"): reelId → LiveReelStats (a plain JSON object, replaced whole on change)
 * - getArray("notifications"): LiveNotification, newest last
 */
export const liveCreatorTotalsSchema = liveCountsSchema.extend({
  followers: z.number().int().min(0),
  reels: z.number().int().min(0),
})
export type LiveCreatorTotals = z.infer<typeof liveCreatorTotalsSchema>

export const liveReelStatsSchema = liveCountsSchema.extend({
  caption: z.string(),
  publishedAt: z.string(),
  /** Set while the reel is removed (by moderation); its numbers then leave the totals. */
  removedAt: z.string().optional(),
})
export type LiveReelStats = z.infer<typeof liveReelStatsSchema>

export const liveNotificationSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('comment'),
    at: z.string(),
    reelId: z.string(),
    actor: z.string(),
    text: z.string(),
    /** The comment it answers, for a reply: a reply to it goes to that thread (one level). */
    parentId: z.string().nullable().optional(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('like_milestone'),
    at: z.string(),
    reelId: z.string(),
    likes: z.number().int(),
  }),
  z.object({ id: z.string(), kind: z.literal('follower'), at: z.string(), actor: z.string() }),
])
export type LiveNotification = z.infer<typeof liveNotificationSchema>
