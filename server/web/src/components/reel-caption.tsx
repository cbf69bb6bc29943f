import { parseCaption } from '../../../../shared/caption-entities'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

/** A caption with its #hashtags and @mentions as links; every piece is rendered as text, never HTML. */
export function ReelCaption({ caption }: { caption: string }) {
  return (
    <p className="reel-caption">
      {parseCaption(caption).map((segment, index) => {
        switch (segment.kind) {
          case 'text':
            return <span key={index}>{segment.text}</span>
          case 'hashtag':
            return (
              <Link key={index} className="caption-link" to={paths.tag(segment.tag)}>
                {segment.text}
              </Link>
            )
          case 'mention':
            return (
              <Link key={index} className="caption-link" to={paths.creator(segment.username)}>
                {segment.text}
              </Link>
            )
        }
      })}
    </p>
  )
}
