// Time arithmetic of the editor, pure so it is tested without a browser: trim handles held to the
// server's duration limits, frame stepping on the video's frame grid, and where the 9:16 crop
// window sits for a given centre.

export interface TrimRange {
  inMs: number
  /** Exclusive. */
  outMs: number
}

export interface TrimBounds {
  durationMs: number
  minMs: number
  maxMs: number
}

/** For items probed before the frame rate was: 30 fps is what phones record by default. */
export const DEFAULT_FPS = 30

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high)

/**
 * Moves one trim edge to `valueMs`, stopping where the reel would get shorter than the minimum or
 * longer than the maximum, or leave the video. A clip shorter than the minimum keeps a valid order
 * (in before out); trimProblem then says why it cannot be a reel.
 */
export function moveTrimEdge(
  trim: TrimRange,
  edge: 'in' | 'out',
  valueMs: number,
  bounds: TrimBounds,
): TrimRange {
  const { durationMs, minMs, maxMs } = bounds
  if (edge === 'in') {
    const low = Math.max(0, trim.outMs - maxMs)
    const high = Math.max(low, Math.min(trim.outMs - minMs, trim.outMs - 1))
    return { inMs: Math.round(clamp(valueMs, low, high)), outMs: trim.outMs }
  }
  const high = Math.min(durationMs, trim.inMs + maxMs)
  const low = Math.min(high, Math.max(trim.inMs + minMs, trim.inMs + 1))
  return { inMs: trim.inMs, outMs: Math.round(clamp(valueMs, low, high)) }
}

/** A sentence for people when the trimmed reel is outside the server's limits, else null. */
export function trimProblem(trim: TrimRange, bounds: TrimBounds): string | null {
  const length = trim.outMs - trim.inMs
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`
  if (bounds.durationMs < bounds.minMs)
    return `This clip is ${seconds(bounds.durationMs)}; reels must be at least ${seconds(bounds.minMs)}.`
  if (length < bounds.minMs)
    return `Too short: reels must be at least ${seconds(bounds.minMs)}. Drag a handle out.`
  if (length > bounds.maxMs) return `Too long: reels are at most ${seconds(bounds.maxMs)}. Drag a handle in.`
  return null
}

/** The start of the frame `frames` away from the one showing at `ms`, kept inside [0, duration). */
export function stepFrame(ms: number, frames: number, fps: number, durationMs: number): number {
  const last = Math.max(0, Math.ceil((durationMs * fps) / 1000) - 1)
  const index = clamp(Math.round((ms * fps) / 1000) + frames, 0, last)
  return Math.round((index * 1000) / fps)
}

/**
 * Where to seek a media element to show the frame starting at `ms`: the middle of the frame, so a
 * timestamp rounded down by the decoder never lands on the previous frame.
 */
export function frameSeekSeconds(ms: number, fps: number): number {
  return (ms + 500 / fps) / 1000
}

/** The start of the frame a media element shows at `seconds` (which frameSeekSeconds puts mid-frame). */
export function frameStartMs(seconds: number, fps: number): number {
  // The epsilon keeps an exact frame boundary that floats as 0.99999… from falling a frame back.
  return Math.round((Math.floor(seconds * fps + 1e-6) * 1000) / fps)
}

export interface CropWindow {
  /** The window's size as a fraction of the source frame (1 on the axis that is not cropped). */
  width: number
  height: number
  /** Its offset within the free space, 0–1: CSS object-position and ffmpeg's crop x/y both use it. */
  offsetX: number
  offsetY: number
}

/** The 9:16 window inside a `sourceWidth`×`sourceHeight` (display) frame, centred at cropX/cropY if it can be. */
export function cropWindow(
  sourceWidth: number,
  sourceHeight: number,
  cropX: number,
  cropY: number,
): CropWindow {
  const target = 9 / 16
  const source = sourceWidth / sourceHeight
  const width = source > target ? target / source : 1
  const height = source > target ? 1 : source / target
  // An axis that is not cropped reports 0.5 (centred): nothing can move there, and CSS wants a value.
  const offset = (centre: number, size: number) =>
    size >= 1 ? 0.5 : clamp((centre - size / 2) / (1 - size), 0, 1)
  return { width, height, offsetX: offset(cropX, width), offsetY: offset(cropY, height) }
}
