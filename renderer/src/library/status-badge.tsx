// A library item's status as a coloured badge. Encoding progress and upload speed join the text
// when the encode and upload queues exist; rejected always says why.
import type { LibraryItem, ReelStatus } from '../../../shared/rpc/contract'

const LABELS: Record<ReelStatus, string> = {
  draft: 'Draft',
  encoding: 'Encoding',
  queued: 'Queued',
  uploading: 'Uploading',
  published: 'Published',
  rejected: 'Rejected',
}

export function statusLabel(status: ReelStatus): string {
  return LABELS[status]
}

export function StatusBadge({
  item,
  percent,
}: {
  item: Pick<LibraryItem, 'status' | 'rejectReason'>
  /** Encode progress while the reel is encoding, when known. */
  percent?: number
}) {
  const text =
    item.status === 'rejected' && item.rejectReason
      ? `Rejected: ${item.rejectReason}`
      : item.status === 'encoding' && percent !== undefined
        ? `Encoding ${Math.floor(percent)} %`
        : LABELS[item.status]
  return (
    <span className={`status-badge status-badge-${item.status}`} title={text}>
      {text}
    </span>
  )
}
