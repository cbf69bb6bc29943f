// A library item's status as a coloured badge: encoding progress and upload speed join the text
// while they are known ("Encoding 42 %", "Uploading 3.1 MB/s"); rejected always says why.
import type { LibraryItem, ReelStatus } from '../../../shared/rpc/contract'
import { formatSpeed } from '../uploads/upload-format'

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
  speedBps,
}: {
  item: Pick<LibraryItem, 'status' | 'rejectReason'>
  /** Encode progress while the reel is encoding, when known. */
  percent?: number
  /** Upload speed while the reel is uploading, when known. */
  speedBps?: number
}) {
  const text =
    item.status === 'rejected' && item.rejectReason
      ? `Rejected: ${item.rejectReason}`
      : item.status === 'encoding' && percent !== undefined
        ? `Encoding ${Math.floor(percent)} %`
        : item.status === 'uploading' && speedBps !== undefined
          ? `Uploading ${formatSpeed(speedBps)}`
          : LABELS[item.status]
  return (
    <span className={`status-badge status-badge-${item.status}`} title={text}>
      {text}
    </span>
  )
}
