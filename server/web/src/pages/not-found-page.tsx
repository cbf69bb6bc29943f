import { Compass } from 'lucide-react'
import { StateMessage } from '../components/state-message'
import { Link } from '../routing/link'
import { paths } from '../routing/routes'

export function NotFoundPage() {
  return (
    <div className="page is-centred">
      <StateMessage
        icon={Compass}
        title="Page not found"
        action={
          <Link className="button" to={paths.feed()}>
            Go to the feed
          </Link>
        }
      >
        There is nothing at this address.
      </StateMessage>
    </div>
  )
}
