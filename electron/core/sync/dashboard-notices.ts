// What desktop notification, if any, the news of one moment deserves. One piece of news is told as
// itself ("ana commented on …"); several that arrive together — a catch-up after a reconnect, or a
// burst the server wrote at once — become one summary ("3 new comments and 1 follower"), because a
// stack of popups at the same instant is noise.
import type { LiveNotification } from '../../../shared/api/live-docs'
import { describeNotification } from './dashboard-snapshot'

export interface DesktopNotice {
  title: string
  body: string
  /** What it tells of, newest first (one for a single piece of news). */
  notifications: LiveNotification[]
}

/** Lines of the summary's body before "and N more". */
const SUMMARY_LINES = 3

const NOUNS: Record<LiveNotification['kind'], [string, string]> = {
  comment: ['comment', 'comments'],
  like_milestone: ['like milestone', 'like milestones'],
  follower: ['follower', 'followers'],
}

/** "a", "a and b", "a, b and c". */
const listed = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/** "3 new comments and 1 follower": how many of each kind, in a fixed order. */
export function summaryTitle(news: readonly LiveNotification[]): string {
  const parts: string[] = []
  for (const kind of Object.keys(NOUNS) as Array<LiveNotification['kind']>) {
    const count = news.filter((notification) => notification.kind === kind).length
    if (count === 0) continue
    const noun = NOUNS[kind][count === 1 ? 0 : 1]
    parts.push(parts.length === 0 ? `${count.toLocaleString('en')} new ${noun}` : `${count} ${noun}`)
  }
  return listed(parts)
}

/**
 * The one notice for news that arrived together (newest first), or null for none. `captionOf`
 * names a reel by its caption where the Dashboard knows it.
 */
export function noticeFor(
  news: readonly LiveNotification[],
  captionOf: (reelId: string) => string | undefined,
): DesktopNotice | null {
  if (news.length === 0) return null
  if (news.length === 1) return { ...describeNotification(news[0]!, captionOf), notifications: [...news] }
  const lines = news.slice(0, SUMMARY_LINES).map((notification) => {
    const { title, body } = describeNotification(notification, captionOf)
    // A comment's line needs who and what; the others say it all in their sentence.
    return notification.kind === 'comment' ? `${title}: ${body}` : body
  })
  if (news.length > SUMMARY_LINES) lines.push(`…and ${news.length - SUMMARY_LINES} more`)
  return { title: summaryTitle(news), body: lines.join('\n'), notifications: [...news] }
}
