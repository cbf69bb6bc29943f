// The like button's state: optimistic (a tap shows at once), with the pending like from the
// outbox winning over what the server last said (viewer-marks.ts, from GET /api/reels/:id and our
// own writes' answers), and the count adjusted to match until the server's own number arrives.
import { askToSignIn } from '../auth/sign-in-prompt'
import { useSession } from '../session/session-store'
import { queueAction, usePendingActions } from './outbox-runtime'
import { randomId } from './random-id'
import { useReelCounts } from './reel-counts'
import { useMark } from './viewer-marks'

export interface LikeState {
  liked: boolean
  /** null until the count is known. */
  likes: number | null
  /** The like (or unlike) has not reached the server yet. */
  pending: boolean
  toggle: () => void
}

export function useLike(reelId: string): LikeState {
  const session = useSession()
  const username = session.status === 'signed-in' ? session.user.username : null
  const confirmed = useMark(username, 'liked', reelId)
  const counts = useReelCounts(reelId)
  const waiting = usePendingActions().findLast(
    (action) => action.kind === 'like' && action.reelId === reelId && action.username === username,
  )
  const liked = waiting?.kind === 'like' ? waiting.liked : confirmed
  const shift = liked === confirmed ? 0 : liked ? 1 : -1
  const likes = counts ? Math.max(0, counts.likes + shift) : null

  function toggle() {
    if (!username) {
      askToSignIn({ mode: 'login', reason: 'Log in to like reels and let creators know.' })
      return
    }
    queueAction({ kind: 'like', key: randomId(), username, reelId, liked: !liked, at: Date.now() })
  }

  return { liked, likes, pending: waiting !== undefined, toggle }
}
