// The buttons beside the reel on screen: like (optimistic, queued while offline), comments (opens
// the comments sheet), share (copies the /r/:id link and counts the share), and more (not
// interested, report). The numbers under them are the reel's live counts (engagement/reel-counts.ts).
import { Check, Ellipsis, Heart, Link2, MessageCircle } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { FeedReel } from '../api/feed'
import { CommentsSheet } from '../comments/comments-sheet'
import { anonymousSessionId } from '../engagement/anonymous-session'
import { sendShare } from '../engagement/engagement-api'
import { randomId } from '../engagement/random-id'
import { setReelCounts, useReelCounts } from '../engagement/reel-counts'
import { useLike } from '../engagement/use-like'
import { useLiveSynced } from '../live/live-reels'
import { paths } from '../routing/routes'
import { currentSession } from '../session/session-store'
import { formatCount } from './format-count'
import { MoreSheet } from './more-sheet'
import { showToast } from './toast'

export function ActionRail({ reel }: { reel: FeedReel }) {
  // First: its effect seeds the store with the feed item's numbers before anything asks the server.
  const counts = useReelCounts(reel.id, reel.counts)
  const like = useLike(reel.id)
  const [copied, setCopied] = useState(false)
  const [sheet, setSheet] = useState<'comments' | 'more' | null>(null)
  const live = useLiveSynced(reel.id)

  async function share() {
    const url = new URL(paths.reel(reel.id), window.location.origin).href
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
      showToast('Link copied')
      window.setTimeout(() => setCopied(false), 1500)
    } catch {
      window.prompt('Copy this link', url)
    }
    // Signed out, the server counts it by the session id views use (once an hour per reel).
    const sessionId = currentSession().status === 'signed-in' ? undefined : anonymousSessionId()
    sendShare(reel.id, randomId(), sessionId).then(
      (answer) => setReelCounts(reel.id, { shares: answer.shares }),
      () => undefined,
    )
  }

  return (
    <div className="action-rail" data-live={live}>
      <RailButton
        label={like.liked ? 'Unlike' : 'Like'}
        pressed={like.liked}
        count={like.likes}
        countName="likes"
        pending={like.pending}
        className={like.liked ? 'is-liked' : undefined}
        onClick={like.toggle}
        icon={<Heart size={26} aria-hidden="true" fill={like.liked ? 'currentColor' : 'none'} />}
      />
      <RailButton
        label="Comments"
        count={counts?.comments ?? null}
        countName="comments"
        onClick={() => setSheet('comments')}
        icon={<MessageCircle size={26} aria-hidden="true" />}
      />
      <RailButton
        label={copied ? 'Link copied' : 'Copy link'}
        count={counts?.shares ?? null}
        countName="shares"
        onClick={() => void share()}
        icon={copied ? <Check size={26} aria-hidden="true" /> : <Link2 size={26} aria-hidden="true" />}
      />
      <RailButton
        label="More"
        onClick={() => setSheet('more')}
        icon={<Ellipsis size={26} aria-hidden="true" />}
      />
      <CommentsSheet reel={reel} open={sheet === 'comments'} onClose={() => setSheet(null)} />
      <MoreSheet reel={reel} open={sheet === 'more'} onClose={() => setSheet(null)} />
    </div>
  )
}

function RailButton(props: {
  label: string
  icon: ReactNode
  onClick: () => void
  count?: number | null
  /** Names the number for tests and styles (data-count). */
  countName?: string
  pressed?: boolean
  pending?: boolean
  className?: string
}) {
  return (
    <div className="rail-item">
      <button
        type="button"
        className={`rail-button ${props.className ?? ''}`}
        aria-label={props.label}
        aria-pressed={props.pressed}
        title={props.pending ? `${props.label} — waiting to send` : props.label}
        onClick={props.onClick}
        data-pending={props.pending || undefined}
      >
        {props.icon}
      </button>
      {props.countName && (
        <span className="rail-count" data-count={props.countName}>
          {props.count === null || props.count === undefined ? '' : formatCount(props.count)}
          {props.pending && <span className="visually-hidden"> (waiting to send)</span>}
        </span>
      )}
    </div>
  )
}
