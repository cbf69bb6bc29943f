// What the creator did that the server has not confirmed yet: waiting (offline) or refused, with why.
import { Clock, TriangleAlert, X } from 'lucide-react'
import type { OutboxItem } from '../../../shared/rpc/contract'
import { useStudio } from '../rpc/studio-context'

export function OutboxList({ items }: { items: OutboxItem[] }) {
  const client = useStudio()
  return (
    <ul className="dash-outbox" aria-label="Waiting to send">
      {items.map((item) => (
        <li key={item.id} className="dash-outbox-item" data-state={item.state}>
          {item.state === 'failed' ? (
            <TriangleAlert size={14} aria-hidden="true" />
          ) : (
            <Clock size={14} aria-hidden="true" />
          )}
          <span className="dash-outbox-text">
            <span>{item.summary}</span>
            <span className="dash-outbox-why">
              {item.state === 'failed'
                ? `Not sent: ${item.lastError ?? 'the server refused it.'}`
                : (item.lastError ?? 'Sending…')}
            </span>
          </span>
          {item.state === 'failed' ? (
            <button
              type="button"
              className="account-action"
              aria-label={`Dismiss: ${item.summary}`}
              title="Dismiss"
              // The list reloads on dashboard.changed; a failed dismiss leaves the row, which says enough.
              onClick={() =>
                void client.call('dashboard.dismissOutbox', { id: item.id }).catch(() => undefined)
              }
            >
              <X size={14} aria-hidden="true" />
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
