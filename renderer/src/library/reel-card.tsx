// One library item: a 9:16 poster (the strip's first image, or a neutral placeholder while it is
// made), status, duration, and the caption — or the source file's name until there is one.
import { Film, Trash2, VolumeX } from 'lucide-react'
import { useState } from 'react'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { hrefFor } from '../shell/use-route'
import { formatBytes, formatDuration } from './format-media'
import { thumbnailUrl } from './media-url'
import { StatusBadge } from './status-badge'

export function itemTitle(item: Pick<LibraryItem, 'caption' | 'sourceName'>): string {
  return item.caption.trim() || item.sourceName
}

export function ReelCard({
  item,
  onDelete,
  encodePercent,
  uploadSpeedBps,
}: {
  item: LibraryItem
  onDelete: (item: LibraryItem) => void
  encodePercent?: number
  uploadSpeedBps?: number
}) {
  const title = itemTitle(item)
  const [posterFailed, setPosterFailed] = useState(false)
  const poster = item.thumbnailCount > 0 && !posterFailed ? thumbnailUrl(item, 0) : null
  const { probe } = item
  return (
    <li className="reel-card">
      <a className="reel-open" href={hrefFor('create', item.id)} aria-label={`Open ${title}`}>
        <span className="reel-poster">
          {poster ? (
            <img src={poster} alt="" loading="lazy" draggable={false} onError={() => setPosterFailed(true)} />
          ) : (
            <span className="reel-poster-placeholder" aria-hidden="true">
              <Film size={28} strokeWidth={1.5} />
            </span>
          )}
          <span className="reel-poster-top">
            <StatusBadge item={item} percent={encodePercent} speedBps={uploadSpeedBps} />
          </span>
          <span className="reel-poster-bottom">
            {!probe.hasAudio ? (
              <span className="reel-chip" title="No audio">
                <VolumeX size={12} aria-label="No audio" />
              </span>
            ) : null}
            <span className="reel-duration">{formatDuration(probe.durationMs)}</span>
          </span>
        </span>
        <span className="reel-title" title={title}>
          {title}
        </span>
        <span className="reel-meta">
          {probe.width}×{probe.height} · {formatBytes(item.sizeBytes)}
        </span>
      </a>
      <button
        type="button"
        className="reel-delete"
        aria-label={`Delete ${title}`}
        title="Delete"
        onClick={() => onDelete(item)}
      >
        <Trash2 size={15} aria-hidden="true" />
      </button>
    </li>
  )
}
