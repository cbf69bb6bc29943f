import { CloudOff, RotateCw, TriangleAlert } from 'lucide-react'
import { ServerUnreachableError } from '../api/api-client'
import { StateMessage } from './state-message'

/** What a page shows when its request failed: unreachable server, or the server's own message. */
export function RequestFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const retry = (
    <button type="button" className="button" onClick={onRetry}>
      <RotateCw size={16} aria-hidden="true" />
      Try again
    </button>
  )
  if (error instanceof ServerUnreachableError) {
    return (
      <StateMessage icon={CloudOff} title="Can't reach Spool" tone="error" action={retry}>
        The Spool server isn't answering. Check your connection, then try again.
      </StateMessage>
    )
  }
  return (
    <StateMessage icon={TriangleAlert} title="Something went wrong" tone="error" action={retry}>
      {error.message}
    </StateMessage>
  )
}
