import { Ban } from 'lucide-react'
import { StateMessage } from './state-message'

/** Shown in place of the player when the reel was removed while the viewer had it open. */
export function ReelUnavailable() {
  return (
    <div className="reel-unavailable">
      <StateMessage icon={Ban} title="This reel is no longer available">
        It was removed and can no longer be watched.
      </StateMessage>
    </div>
  )
}
