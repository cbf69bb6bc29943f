// The editor (UI.md): the 9:16 preview in the centre, the timeline with thumbnails and trim handles
// at the bottom, the inspector on the right (frame, cover, caption, sound, then "Encode & queue").
// Every edit goes into the draft's Yjs document (draft-session.ts), which autosaves to the core.
import {
  ChevronLeft,
  ChevronRight,
  Crop,
  Maximize,
  Pause,
  Play,
  Redo2,
  RectangleVertical,
  Undo2,
  Waves,
} from 'lucide-react'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { LibraryItem } from '../../../shared/rpc/contract'
import type { DraftEdit, Fit } from '../../../shared/reel/draft-edit'
import { captionLength } from '../../../shared/reel/caption'
import { sourceUrl, thumbnailUrl } from '../library/media-url'
import { itemTitle } from '../library/reel-card'
import { StatusBadge } from '../library/status-badge'
import { useEncodeProgress } from '../encode/use-encode-progress'
import { hrefFor } from '../shell/use-route'
import { CaptionEditor } from './caption-editor'
import { CoverPicker } from './cover-picker'
import type { DraftSession, DraftSnapshot } from './draft-session'
import { EncodePanel } from './encode-panel'
import { formatClock, formatLength } from './format-time'
import { createFrameGrabber } from './frame-grabber'
import { PreviewPlayer } from './preview-player'
import { SegmentedChoice, type SegmentOption } from './segmented-choice'
import { ReplacementSound, SoundChoice } from './sound-section'
import { TrimTimeline } from './trim-timeline'
import { cropWindow, DEFAULT_FPS, moveTrimEdge, stepFrame, trimProblem, type TrimRange } from './trim-math'
import { useDraftSession } from './use-draft-session'
import { useEditorKeys } from './use-editor-keys'
import { usePlayback } from './use-playback'
import { useReelLimits } from './use-reel-limits'

const FIT_OPTIONS: readonly SegmentOption<Fit>[] = [
  { value: 'fill', label: 'Fill', icon: Crop },
  { value: 'fit-blur', label: 'Fit, blurred', icon: Waves },
  { value: 'fit-black', label: 'Fit, black', icon: RectangleVertical },
]

export function EditorScreen({ item }: { item: LibraryItem }) {
  const { session, snapshot, error } = useDraftSession(item.id, item.probe.durationMs)
  if (error) return <p className="encode-error">The draft could not be opened: {error}</p>
  if (!session || !snapshot) return <p className="editor-loading">Opening the draft…</p>
  return <Editor item={item} session={session} snapshot={snapshot} />
}

function Editor({
  item,
  session,
  snapshot,
}: {
  item: LibraryItem
  session: DraftSession
  snapshot: DraftSnapshot
}) {
  const { edit } = snapshot
  const { probe } = item
  const fps = probe.frameRate ?? DEFAULT_FPS
  const frameMs = Math.round(1000 / fps)
  const limits = useReelLimits()
  const bounds = { durationMs: probe.durationMs, minMs: limits.minDurationMs, maxMs: limits.maxDurationMs }
  const trim: TrimRange = { inMs: edit.trimInMs, outMs: edit.trimOutMs }
  const editable = item.status === 'draft' || item.status === 'rejected'
  const progress = useEncodeProgress().get(item.id)

  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  const onVideo = useCallback((element: HTMLVideoElement | null) => setVideo(element), [])
  const playback = usePlayback(video, trim, fps)
  const src = useMemo(() => sourceUrl(item.id), [item.id])

  // Pinned to the strip as it was when the editor opened: the item's updatedAt moves with every
  // caption save, and the images must not reload each time.
  const thumbnails = useMemo(
    () => Array.from({ length: item.thumbnailCount }, (_, index) => thumbnailUrl(item, index)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [item.id, item.thumbnailCount],
  )

  const grabber = useMemo(() => createFrameGrabber(src, fps), [src, fps])
  useEffect(() => () => grabber.dispose(), [grabber])

  const setTrim = (next: TrimRange) => session.setMany({ trimInMs: next.inMs, trimOutMs: next.outMs })
  const seek = (ms: number) => playback.seek(Math.min(Math.max(0, ms), probe.durationMs - 1))

  useEditorKeys({
    togglePlay: playback.toggle,
    back: () => {
      playback.pause()
      seek(playback.currentMs - 1000)
    },
    pause: playback.pause,
    forward: () => playback.play(playback.playing ? Math.min(playback.rate * 2, 4) : 1),
    markIn: () => editable && setTrim(moveTrimEdge(trim, 'in', playback.currentMs, bounds)),
    markOut: () => editable && setTrim(moveTrimEdge(trim, 'out', playback.currentMs, bounds)),
    step: (frames) => {
      playback.pause()
      seek(stepFrame(playback.currentMs, frames, fps, probe.durationMs))
    },
    stepSeconds: (seconds) => {
      playback.pause()
      seek(playback.currentMs + seconds * 1000)
    },
    undo: session.undo,
    redo: session.redo,
  })

  const crop = cropWindow(probe.width, probe.height, edit.cropX, edit.cropY)
  const coverFraming =
    edit.fit === 'fill'
      ? { objectFit: 'cover' as const, objectPosition: `${crop.offsetX * 100}% ${crop.offsetY * 100}%` }
      : { objectFit: 'contain' as const }

  const lengthProblem = trimProblem(trim, bounds)
  const captionOver = captionLength(edit.caption) > limits.maxCaptionLength
  const blocked =
    lengthProblem ??
    (captionOver ? `The caption is longer than ${limits.maxCaptionLength} characters.` : null)

  return (
    <div className="editor">
      <header className="editor-bar">
        <a className="icon-button" href={hrefFor('library')} aria-label="Back to the Library">
          <ChevronLeft size={18} />
        </a>
        <h1 className="editor-title" title={itemTitle(item)}>
          {itemTitle(item)}
        </h1>
        <StatusBadge item={item} percent={progress?.percent} />
        <SaveIndicator snapshot={snapshot} />
        <div className="editor-bar-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Undo"
            title="Undo (Ctrl+Z)"
            disabled={!snapshot.canUndo}
            onClick={session.undo}
          >
            <Undo2 size={17} />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Redo"
            title="Redo (Shift+Ctrl+Z)"
            disabled={!snapshot.canRedo}
            onClick={session.redo}
          >
            <Redo2 size={17} />
          </button>
        </div>
      </header>

      <div className="editor-stage">
        <PreviewPlayer
          src={src}
          container={probe.container}
          sourceWidth={probe.width}
          sourceHeight={probe.height}
          fit={edit.fit}
          cropX={edit.cropX}
          cropY={edit.cropY}
          muted={edit.sound !== 'keep' || !probe.hasAudio}
          onVideo={onVideo}
          onCropChange={(cropX, cropY) => editable && session.setMany({ cropX, cropY })}
        />
        {edit.sound === 'replace' && edit.soundFile ? (
          <ReplacementSound video={video} reelId={item.id} soundFile={edit.soundFile} trimInMs={trim.inMs} />
        ) : null}
        <div className="transport">
          <button
            type="button"
            className="icon-button"
            aria-label="Previous frame"
            title="Previous frame (←)"
            onClick={() => seek(stepFrame(playback.currentMs, -1, fps, probe.durationMs))}
          >
            <ChevronLeft size={18} />
          </button>
          <button
            type="button"
            className="transport-play"
            aria-label={playback.playing ? 'Pause' : 'Play'}
            title="Play/pause (Space)"
            onClick={playback.toggle}
          >
            {playback.playing ? <Pause size={18} /> : <Play size={18} />}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Next frame"
            title="Next frame (→)"
            onClick={() => seek(stepFrame(playback.currentMs, 1, fps, probe.durationMs))}
          >
            <ChevronRight size={18} />
          </button>
          <span className="transport-time" aria-label="Playhead">
            {formatClock(playback.currentMs)} <span>/ {formatClock(probe.durationMs)}</span>
          </span>
          {playback.playing && playback.rate !== 1 ? (
            <span className="transport-rate">{playback.rate}×</span>
          ) : null}
        </div>
      </div>

      <section className="editor-timeline" aria-label="Timeline">
        <div className="trim-readout">
          <span>
            In <strong>{formatClock(trim.inMs)}</strong>
          </span>
          <span>
            Out <strong>{formatClock(trim.outMs)}</strong>
          </span>
          <span className={lengthProblem ? 'trim-length trim-length-bad' : 'trim-length'}>
            Reel <strong data-testid="reel-length">{formatLength(trim.outMs - trim.inMs)}</strong>
          </span>
          <span
            className="trim-limits"
            title={
              limits.source === 'server' ? 'From the server’s /api/limits' : 'The server could not be reached'
            }
          >
            {limits.source === 'server' ? 'Server takes ' : 'Default limits '}
            {formatLength(limits.minDurationMs)} – {formatLength(limits.maxDurationMs)}
          </span>
          <span className="trim-keys" aria-hidden="true">
            I / O set in and out · J K L scrub · ← → frame
          </span>
        </div>
        <TrimTimeline
          thumbnails={thumbnails}
          trim={trim}
          bounds={bounds}
          currentMs={playback.currentMs}
          onTrim={(next) => editable && setTrim(next)}
          onSeek={seek}
        />
        {lengthProblem ? (
          <p className="editor-problem" role="alert">
            {lengthProblem}
          </p>
        ) : null}
      </section>

      <aside className="inspector" aria-label="Inspector">
        <InspectorSection title="Frame" hint="9:16 for phones">
          <SegmentedChoice
            label="Frame"
            value={edit.fit}
            options={FIT_OPTIONS}
            disabled={!editable}
            onChange={(fit) => session.set('fit', fit)}
          />
          {edit.fit === 'fill' ? (
            <p className="inspector-note">
              <Maximize size={12} aria-hidden="true" /> Drag the preview to choose what stays in the frame.
            </p>
          ) : null}
        </InspectorSection>
        <InspectorSection title="Cover" hint="Any frame of the reel">
          <CoverPicker
            grabber={grabber}
            coverMs={edit.coverMs}
            inMs={trim.inMs}
            outMs={trim.outMs}
            frameMs={frameMs}
            framing={coverFraming}
            disabled={!editable}
            onChange={(coverMs, automatic) => session.setMany({ coverMs }, automatic)}
          />
        </InspectorSection>
        <InspectorSection title="Caption" htmlFor="caption">
          <CaptionEditor
            value={edit.caption}
            limit={limits.maxCaptionLength}
            disabled={!editable}
            onChange={session.setCaption}
            onUndo={session.undo}
            onRedo={session.redo}
          />
        </InspectorSection>
        <InspectorSection title="Sound" hint={probe.hasAudio ? undefined : 'This clip has no sound'}>
          <SoundChoice
            reelId={item.id}
            sound={edit.sound}
            soundFile={edit.soundFile}
            soundOrigin={edit.soundOrigin}
            disabled={!editable}
            onChange={(change) => session.setMany(change)}
          />
        </InspectorSection>
        <EncodePanel
          item={item}
          edit={edit satisfies DraftEdit}
          blocked={blocked}
          beforeStart={session.flush}
        />
      </aside>
    </div>
  )
}

function InspectorSection(props: { title: string; hint?: string; htmlFor?: string; children: ReactNode }) {
  const { title, hint, htmlFor, children } = props
  return (
    <section className="inspector-section">
      <div className="inspector-heading">
        {htmlFor ? (
          <label htmlFor={htmlFor} className="inspector-title">
            {title}
          </label>
        ) : (
          <h2 className="inspector-title">{title}</h2>
        )}
        {hint ? <span className="inspector-hint">{hint}</span> : null}
      </div>
      {children}
    </section>
  )
}

function SaveIndicator({ snapshot }: { snapshot: DraftSnapshot }) {
  const text =
    snapshot.save === 'error'
      ? (snapshot.saveError ?? 'Not saved')
      : snapshot.save === 'saved'
        ? 'Saved'
        : 'Saving…'
  return (
    <span className={`save-state save-state-${snapshot.save}`} role="status" data-state={snapshot.save}>
      {text}
    </span>
  )
}
