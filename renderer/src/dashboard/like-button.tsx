// The creator's own like of a reel, from its Dashboard row. The choice goes to the core's outbox
// (sent now, or when the server is back); the heart changes on the click, before any answer, and
// says when the choice is still waiting to be sent.
import { Heart } from 'lucide-react'
import { useState } from 'react'
import type { DashboardReel } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'

export function LikeButton({ reel, title }: { reel: DashboardReel; title: string }) {
  const client = useStudio()
  // The click's choice, shown until the next Dashboard data replaces the row it was made on (every
  // update is a new object), so the heart answers at once and a quick second click flips it back.
  const [choice, setChoice] = useState<{ liked: boolean; on: DashboardReel } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const liked = choice?.on === reel ? choice.liked : reel.liked

  function toggle() {
    const next = !liked
    setChoice({ liked: next, on: reel })
    setError(null)
    client.call('dashboard.like', { reelId: reel.reelId, liked: next }).catch((caught: unknown) => {
      setChoice(null)
      setError(messageOf(caught))
    })
  }

  const waiting = reel.likeWaiting && reel.liked === liked
  // The server takes no likes on a removed reel (404): no button to queue one that must fail.
  const removed = Boolean(reel.removedAt)
  const hint =
    error ??
    (removed
      ? 'A removed reel takes no likes'
      : waiting
        ? 'Waiting for connection'
        : liked
          ? 'You like this reel'
          : 'Like this reel')
  return (
    <>
      <button
        type="button"
        className="account-action dash-like"
        aria-pressed={liked}
        aria-label={`Like “${title}”`}
        title={hint}
        data-waiting={waiting || undefined}
        disabled={removed}
        onClick={toggle}
      >
        <Heart size={16} aria-hidden="true" fill={liked ? 'currentColor' : 'none'} />
      </button>
      {error ? (
        <span className="visually-hidden" role="alert">
          The like was not saved: {error}
        </span>
      ) : null}
    </>
  )
}
