import { Music } from 'lucide-react'
import type { ReelSound } from '../../../../shared/api/reel-item'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

/**
 * "♪ title · @creator" under a reel's caption, linking to the sound's page. Title and name are text
 * from creators, so they are rendered as text; a source this server does not show has no creator.
 * A long title gives way to an ellipsis before the creator does.
 */
export function ReelSoundLine({ sound }: { sound: ReelSound }) {
  const title = sound.title || 'Untitled sound'
  const by = sound.creator === null ? '' : ` · @${sound.creator}`
  return (
    <Link className="reel-sound" to={paths.sound(sound.id)} title={title + by}>
      <Music size={14} aria-hidden="true" />
      <span className="reel-sound-title">{title}</span>
      {by && <span className="reel-sound-creator">{by}</span>}
    </Link>
  )
}
