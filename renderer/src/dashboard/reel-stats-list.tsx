// Each published reel with its live numbers, newest first. A bar behind the views shows at a glance
// which reels carry the account. The poster comes from this studio's library when the reel was made
// here, else from the server (through the core, which keeps a copy for offline). The heart at the
// end is the creator's own like of the reel. A row opens the reel in detail.
import { Eye, Film, Heart, MessageCircle, Share2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { DashboardReel } from '../../../shared/rpc/contract'
import { thumbnailUrl } from '../library/media-url'
import { useStudio } from '../rpc/studio-context'
import { formatAgo, formatCount } from './dashboard-format'
import { LikeButton } from './like-button'

/** The server's poster (through the core, as a data: URL) for a reel this studio does not hold. */
function useServerPoster(reelId: string, wanted: boolean): string | null {
  const client = useStudio()
  const [dataUrl, setDataUrl] = useState<string | null>(null)
  useEffect(() => {
    if (!wanted) return
    let current = true
    client.call('dashboard.poster', { reelId }).then(
      (poster) => current && setDataUrl(poster.dataUrl),
      // No poster is shown as the neutral tile, which is what the person sees meanwhile anyway.
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, reelId, wanted])
  return dataUrl
}

export function ReelPoster({ reel }: { reel: DashboardReel }) {
  const [failed, setFailed] = useState(false)
  const hasLocal = reel.local !== null && reel.local.thumbnailCount > 0
  const serverPoster = useServerPoster(reel.reelId, !hasLocal)
  const src = hasLocal ? thumbnailUrl({ id: reel.reelId, updatedAt: reel.local!.updatedAt }, 0) : serverPoster
  if (!src || failed) {
    return (
      <span className="upload-poster" aria-hidden="true">
        <Film size={18} strokeWidth={1.6} />
      </span>
    )
  }
  return (
    <span className="upload-poster">
      <img src={src} alt="" loading="lazy" draggable={false} onError={() => setFailed(true)} />
    </span>
  )
}

function Count({ icon: Icon, label, value }: { icon: typeof Eye; label: string; value: number }) {
  return (
    <span className="dash-count" aria-label={`${value.toLocaleString('en')} ${label}`} data-count={label}>
      <Icon size={14} aria-hidden="true" />
      {formatCount(value)}
    </span>
  )
}

export function ReelStatsList({
  reels,
  onOpen,
}: {
  reels: DashboardReel[]
  /** Opens the reel in detail: a click anywhere on the row but its buttons, or its title. */
  onOpen: (reelId: string) => void
}) {
  const mostViews = Math.max(1, ...reels.map((reel) => reel.views))
  return (
    <ul className="dash-reels" aria-label="Reels">
      {reels.map((reel) => {
        const title = reel.caption.trim() || 'Untitled reel'
        return (
          <li
            key={reel.reelId}
            className={`upload-row dash-reel${reel.removedAt ? ' is-removed' : ''}`}
            data-reel-id={reel.reelId}
            data-removed={reel.removedAt ? 'true' : undefined}
            onClick={(event) => {
              if (!(event.target as Element).closest('button')) onOpen(reel.reelId)
            }}
          >
            <ReelPoster reel={reel} />
            <div className="dash-reel-body">
              <button
                type="button"
                className="dash-reel-title dash-reel-open"
                aria-label={`Open “${title}”`}
                onClick={() => onOpen(reel.reelId)}
              >
                {title}
              </button>
              <span className="dash-reel-meta">
                {/* Removed by moderation: still listed, no longer watched or counted in the totals. */}
                {reel.removedAt
                  ? `Removed ${formatAgo(reel.removedAt)} · no longer counted`
                  : `Published ${formatAgo(reel.publishedAt)}`}
              </span>
              <span className="dash-bar" aria-hidden="true">
                <span style={{ transform: `scaleX(${reel.views / mostViews})` }} />
              </span>
            </div>
            <div className="dash-reel-counts">
              <Count icon={Eye} label="views" value={reel.views} />
              <Count icon={Heart} label="likes" value={reel.likes} />
              <Count icon={MessageCircle} label="comments" value={reel.comments} />
              <Count icon={Share2} label="shares" value={reel.shares} />
            </div>
            <LikeButton reel={reel} title={title} />
          </li>
        )
      })}
    </ul>
  )
}
