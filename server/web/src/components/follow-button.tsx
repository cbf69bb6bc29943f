// Follow / Following for a creator, on their page and over their reels. Shown at once (optimistic)
// and put back with a message if the server refuses; not shown on the viewer's own profile.
import { Check, Plus } from 'lucide-react'
import { useState } from 'react'
import { askToSignIn } from '../auth/sign-in-prompt'
import { sendFollow } from '../engagement/engagement-api'
import { engagementErrorMessage } from '../engagement/engagement-errors'
import { setMark, useMark } from '../engagement/viewer-marks'
import { useSession } from '../session/session-store'
import { showToast } from './toast'

export function FollowButton({ username, compact = false }: { username: string; compact?: boolean }) {
  const session = useSession()
  const me = session.status === 'signed-in' ? session.user.username : null
  const confirmed = useMark(me, 'following', username)
  const [optimistic, setOptimistic] = useState<boolean | null>(null)
  const following = optimistic ?? confirmed
  if (me === username) return null

  function toggle() {
    if (!me) {
      askToSignIn({ mode: 'login', reason: `Log in to follow @${username}.` })
      return
    }
    const next = !following
    setOptimistic(next)
    sendFollow(username, next).then(
      () => {
        setMark(me, 'following', username, next)
        setOptimistic(null)
      },
      (error: unknown) => {
        setOptimistic(null)
        showToast(engagementErrorMessage(error))
      },
    )
  }

  return (
    <button
      type="button"
      className={`button ${following ? 'is-quiet' : 'is-accent'} ${compact ? 'is-tiny' : 'is-small'} follow-button`}
      aria-pressed={following}
      aria-label={following ? `Unfollow @${username}` : `Follow @${username}`}
      onClick={toggle}
    >
      {following ? (
        <Check size={compact ? 14 : 16} aria-hidden="true" />
      ) : (
        <Plus size={compact ? 14 : 16} aria-hidden="true" />
      )}
      {following ? 'Following' : 'Follow'}
    </button>
  )
}
