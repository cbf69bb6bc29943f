import { LoaderCircle } from 'lucide-react'

/** Under a poster grid: fetches the next page; says so when that failed. */
export function MoreButton(props: { loading: boolean; failed: boolean; onClick: () => void }) {
  return (
    <div className="grid-more">
      {props.failed && (
        <p className="grid-more-error" role="alert">
          Couldn't load more reels.
        </p>
      )}
      <button type="button" className="button is-quiet" onClick={props.onClick} disabled={props.loading}>
        {props.loading && <LoaderCircle className="spin" size={16} aria-hidden="true" />}
        {props.failed ? 'Try again' : 'Show more'}
      </button>
    </div>
  )
}
