// The cover: a slider inside the trimmed range with the chosen frame shown beside it, and "Auto",
// which grabs ~8 candidate frames and takes the sharpest. A draft without a cover gets Auto's pick
// once, saved as a choice made for the creator (not an undo step).
import { Sparkles } from 'lucide-react'
import { useEffect, useRef, useState, type CSSProperties } from 'react'
import { formatClock } from './format-time'
import type { FrameGrabber } from './frame-grabber'
import { coverCandidates, sharpestIndex } from './sharpness'

export function CoverPicker(props: {
  grabber: FrameGrabber | null
  coverMs: number | null
  inMs: number
  outMs: number
  frameMs: number
  /** How the frame sits in 9:16, as the reel will show it (the preview's crop or bars). */
  framing: CSSProperties
  disabled?: boolean
  onChange(ms: number, automatic: boolean): void
}) {
  const { grabber, coverMs, inMs, outMs, frameMs, framing, disabled, onChange } = props
  const [image, setImage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sliding, setSliding] = useState<number | null>(null)
  const shown = sliding ?? coverMs ?? inMs
  const autoStarted = useRef(false)
  // A frame the person chose while the automatic pick was still grabbing wins over that pick.
  const chosenByHand = useRef(false)
  const choose = (ms: number) => {
    chosenByHand.current = true
    onChange(ms, false)
  }

  const pickAuto = async (automatic: boolean) => {
    if (!grabber) return
    setBusy(true)
    setProblem(null)
    try {
      const candidates = coverCandidates(inMs, outMs)
      const frames = []
      for (const ms of candidates) frames.push(await grabber.grab(ms))
      const best = sharpestIndex(frames.map((frame) => frame.pixels))
      if (!(automatic && chosenByHand.current)) onChange(candidates[best]!, automatic)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (coverMs === null && grabber && !autoStarted.current && !disabled) {
      autoStarted.current = true
      void pickAuto(true)
    }
    // pickAuto reads the current props; running it once per draft is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [coverMs, grabber, disabled])

  useEffect(() => {
    if (!grabber) return
    let current = true
    const timer = setTimeout(() => {
      grabber.grab(shown).then(
        (frame) => current && setImage(frame.image),
        () => {},
      )
    }, 80)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [grabber, shown])

  return (
    <div className="cover-picker">
      <div className="cover-frame">
        {image ? <img src={image} alt="Cover frame" style={framing} /> : null}
      </div>
      <div className="cover-controls">
        <label className="cover-time" htmlFor="cover-slider">
          Frame at <strong>{formatClock(shown)}</strong>
        </label>
        <input
          id="cover-slider"
          type="range"
          aria-label="Cover frame"
          min={inMs}
          max={Math.max(inMs, outMs - 1)}
          step={frameMs}
          value={shown}
          disabled={disabled}
          onChange={(event) => setSliding(Number(event.target.value))}
          onPointerUp={() => {
            if (sliding !== null) choose(sliding)
            setSliding(null)
          }}
          onKeyUp={() => {
            if (sliding !== null) choose(sliding)
            setSliding(null)
          }}
        />
        <button
          type="button"
          className="button button-small"
          disabled={disabled || busy || !grabber}
          onClick={() => void pickAuto(false)}
        >
          <Sparkles size={14} aria-hidden="true" /> {busy ? 'Finding the sharpest…' : 'Auto'}
        </button>
        {problem ? <p className="editor-problem">{problem}</p> : null}
      </div>
    </div>
  )
}
