// Reads the Dashboard's numbers out of the studio's copy of creator:<username>. A document is just
// bytes the server (or a broken peer) wrote, so every value is checked with the shared schemas and
// anything that does not fit is left out rather than shown wrong.
import type * as Y from 'yjs'
import {
  liveCreatorTotalsSchema,
  liveNotificationSchema,
  liveReelStatsSchema,
  type LiveCreatorTotals,
  type LiveNotification,
  type LiveReelStats,
} from '../../../shared/api/live-docs'

export interface CreatorDocContent {
  totals: LiveCreatorTotals | null
  /** Newest published first. */
  reels: Array<LiveReelStats & { reelId: string }>
  /** Newest first. */
  notifications: LiveNotification[]
}

export function readCreatorDoc(doc: Y.Doc): CreatorDocContent {
  const totals = liveCreatorTotalsSchema.safeParse(doc.getMap('totals').toJSON())
  const reels: CreatorDocContent['reels'] = []
  for (const [reelId, value] of doc.getMap('reels').entries()) {
    const parsed = liveReelStatsSchema.safeParse(value)
    if (parsed.success) reels.push({ reelId, ...parsed.data })
  }
  reels.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.reelId.localeCompare(a.reelId))
  const notifications: LiveNotification[] = []
  for (const value of doc.getArray('notifications').toArray()) {
    const parsed = liveNotificationSchema.safeParse(value)
    if (parsed.success) notifications.push(parsed.data)
  }
  return { totals: totals.success ? totals.data : null, reels, notifications: notifications.reverse() }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/** The title and line a desktop notification shows for one live notification. */
export function describeNotification(
  notification: LiveNotification,
  captionOf: (reelId: string) => string | undefined,
): { title: string; body: string } {
  const reel = (reelId: string) => {
    const caption = captionOf(reelId)?.trim()
    return caption ? `“${caption.length > 40 ? `${caption.slice(0, 39)}…` : caption}”` : 'your reel'
  }
  switch (notification.kind) {
    case 'comment':
      return {
        title: `${notification.actor} commented on ${reel(notification.reelId)}`,
        body: notification.text,
      }
    case 'like_milestone':
      return {
        title: `${notification.likes.toLocaleString('en')} ${notification.likes === 1 ? 'like' : 'likes'}`,
        body: `${capitalised(reel(notification.reelId))} reached ${notification.likes.toLocaleString('en')} ${notification.likes === 1 ? 'like' : 'likes'}.`,
      }
    case 'follower':
      return { title: 'New follower', body: `${notification.actor} started following you.` }
  }
}
