// The vertical feed: one reel on screen in the 9:16 stage, the one before and the next two mounted
// around it (paused, preloading) so that a move starts playing at once; the address bar follows
// the reel on screen so that it can be shared.
import { ChevronDown, ChevronUp } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import type { FeedReel } from '../api/feed'
import { ActionRail } from '../components/action-rail'
import { ReelCard } from '../components/reel-card'
import { ReelStage } from '../components/reel-stage'
import { useLiveReels, useReelGone } from '../live/live-reels'
import { replacePath } from '../routing/history'
import { paths } from '../routing/routes'
import { useReelNavigation } from './use-reel-navigation'

const KEEP_BEHIND = 1
const PRELOAD_AHEAD = 2
/** Fetch the next page when this few reels are left. */
const LOAD_MORE_AT = 3

export function ReelFeed(props: { items: readonly FeedReel[]; hasMore: boolean; onNearEnd: () => void }) {
  const { items, hasMore, onNearEnd } = props
  const [index, setIndex] = useState(0)
  const surface = useRef<HTMLDivElement>(null)
  const current = items[index]
  const moved = useRef(false)

  const go = (to: number) => {
    if (to < 0 || to >= items.length || to === index) return
    moved.current = true
    setIndex(to)
  }
  useReelNavigation(surface, { next: () => go(index + 1), previous: () => go(index - 1) })
  // Live numbers for the reel on screen and the ones a move away, so they are right on arrival.
  useLiveReels(items.slice(Math.max(0, index - 1), index + 2).map((reel) => reel.id))
  // A removed reel takes no likes or comments: its rail goes with its player.
  const currentGone = useReelGone(current?.id ?? '')

  useEffect(() => {
    // The first reel keeps the address it was opened at (/ or /r/:id) until the viewer moves.
    if (current && moved.current) replacePath(paths.reel(current.id))
  }, [current])

  useEffect(() => {
    if (hasMore && index >= items.length - LOAD_MORE_AT) onNearEnd()
  }, [index, items.length, hasMore, onNearEnd])

  if (!current) return null
  const mounted = items.slice(Math.max(0, index - KEEP_BEHIND), index + PRELOAD_AHEAD + 1)

  return (
    <div className="feed" ref={surface}>
      <ReelStage rail={currentGone ? undefined : <ActionRail key={current.id} reel={current} />}>
        {mounted.map((reel) => {
          const offset = items.indexOf(reel) - index
          return (
            <div key={reel.id} className="feed-slide" style={{ transform: `translateY(${offset * 100}%)` }}>
              <ReelCard reel={reel} active={offset === 0} />
            </div>
          )
        })}
      </ReelStage>
      <div className="feed-steps">
        <button
          type="button"
          className="feed-step"
          aria-label="Previous reel"
          disabled={index === 0}
          onClick={() => go(index - 1)}
        >
          <ChevronUp size={24} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="feed-step"
          aria-label="Next reel"
          disabled={index >= items.length - 1}
          onClick={() => go(index + 1)}
        >
          <ChevronDown size={24} aria-hidden="true" />
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {`Reel ${index + 1}${hasMore ? '' : ` of ${items.length}`}, by @${current.creator.username}`}
      </p>
    </div>
  )
}
