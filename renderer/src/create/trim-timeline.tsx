// The timeline: the item's poster strip as the track, the trimmed part lit between two handles,
// the rest dimmed, and the playhead. Handles are sliders: dragged with the pointer, or focused and
// moved with the arrow keys (Shift for whole seconds); both stop at the server's limits.
import { useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react'
import { formatClock } from './format-time'
import { moveTrimEdge, type TrimBounds, type TrimRange } from './trim-math'

interface Props {
  thumbnails: string[]
  trim: TrimRange
  bounds: TrimBounds
  currentMs: number
  onTrim(trim: TrimRange): void
  onSeek(ms: number): void
}

export function TrimTimeline({ thumbnails, trim: savedTrim, bounds, currentMs, onTrim, onSeek }: Props) {
  const trackRef = useRef<HTMLDivElement>(null)
  // During a drag the handle follows the pointer here; the draft gets one edit on release.
  const [dragTrim, setDragTrim] = useState<TrimRange | null>(null)
  const trim = dragTrim ?? savedTrim
  const { durationMs } = bounds
  const percent = (ms: number) => `${((ms / durationMs) * 100).toFixed(3)}%`

  const msAt = (clientX: number) => {
    const rect = trackRef.current!.getBoundingClientRect()
    return Math.min(durationMs, Math.max(0, ((clientX - rect.left) / rect.width) * durationMs))
  }

  const startDrag = (edge: 'in' | 'out') => (event: ReactPointerEvent) => {
    event.preventDefault()
    event.stopPropagation()
    let latest = savedTrim
    const move = (moveEvent: PointerEvent) => {
      latest = moveTrimEdge(savedTrim, edge, msAt(moveEvent.clientX), bounds)
      setDragTrim(latest)
      onSeek(edge === 'in' ? latest.inMs : Math.max(latest.inMs, latest.outMs - 1))
    }
    const up = () => {
      document.removeEventListener('pointermove', move)
      document.removeEventListener('pointerup', up)
      setDragTrim(null)
      if (latest.inMs !== savedTrim.inMs || latest.outMs !== savedTrim.outMs) onTrim(latest)
    }
    document.addEventListener('pointermove', move)
    document.addEventListener('pointerup', up)
  }

  const onHandleKey = (edge: 'in' | 'out') => (event: KeyboardEvent) => {
    const step = event.shiftKey ? 1000 : 100
    const current = edge === 'in' ? trim.inMs : trim.outMs
    const target =
      event.key === 'ArrowLeft' || event.key === 'ArrowDown'
        ? current - step
        : event.key === 'ArrowRight' || event.key === 'ArrowUp'
          ? current + step
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? durationMs
              : null
    if (target === null) return
    // The editor's own ←/→ (frame step) must not also run.
    event.preventDefault()
    event.stopPropagation()
    onTrim(moveTrimEdge(trim, edge, target, bounds))
  }

  const handle = (edge: 'in' | 'out') => {
    const value = edge === 'in' ? trim.inMs : trim.outMs
    return (
      <div
        role="slider"
        tabIndex={0}
        className={`trim-handle trim-handle-${edge}`}
        style={{ left: percent(value) }}
        aria-label={edge === 'in' ? 'Trim start' : 'Trim end'}
        aria-valuemin={0}
        aria-valuemax={durationMs}
        aria-valuenow={value}
        aria-valuetext={formatClock(value)}
        onPointerDown={startDrag(edge)}
        onKeyDown={onHandleKey(edge)}
      >
        <span className="trim-grip" aria-hidden="true" />
      </div>
    )
  }

  return (
    <div className="timeline">
      <div
        ref={trackRef}
        className="timeline-track"
        onPointerDown={(event) => event.button === 0 && onSeek(msAt(event.clientX))}
      >
        <div className="timeline-thumbs" aria-hidden="true">
          {thumbnails.length > 0 ? (
            thumbnails.map((url) => <img key={url} src={url} alt="" draggable={false} />)
          ) : (
            <span className="timeline-thumbs-empty" />
          )}
        </div>
        <div className="timeline-dim" style={{ left: 0, width: percent(trim.inMs) }} />
        <div className="timeline-dim" style={{ left: percent(trim.outMs), right: 0 }} />
        <div
          className="timeline-range"
          style={{ left: percent(trim.inMs), width: percent(trim.outMs - trim.inMs) }}
        />
        {handle('in')}
        {handle('out')}
        <div className="timeline-playhead" style={{ left: percent(currentMs) }} aria-hidden="true" />
      </div>
      <div className="timeline-ruler" aria-hidden="true">
        {[0, 0.25, 0.5, 0.75, 1].map((at) => (
          <span key={at} style={{ left: `${at * 100}%` }}>
            {formatClock(durationMs * at)}
          </span>
        ))}
      </div>
    </div>
  )
}
