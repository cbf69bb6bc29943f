// The inspector's Sound: keep the clip's sound, mute it, or replace it with an audio file. Replace
// first imports the file through the core (import-sound.ts) and only then changes the draft, so a
// file the core refuses leaves the draft as it was and says why. While Replace is on, the preview's
// video is muted and <ReplacementSound> plays the file in step with it. A sound used from another
// reel ("use this sound") shows as "«title» · @creator"; choosing another file or removing it
// clears that origin, so the reel is not credited to a sound it no longer uses.
import { Music, Trash2, Volume2, VolumeX } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import type { SoundFile, SoundOrigin } from '../../../shared/rpc/contract'
import type { Sound } from '../../../shared/reel/draft-edit'
import { messageOf } from '../../../shared/rpc/envelope'
import { soundUrl } from '../library/media-url'
import { useStudio } from '../rpc/studio-context'
import { formatLength } from './format-time'
import { importSound } from './import-sound'
import { SegmentedChoice, type SegmentOption } from './segmented-choice'

const SOUND_OPTIONS: readonly SegmentOption<Sound>[] = [
  { value: 'keep', label: 'Keep', icon: Volume2 },
  { value: 'mute', label: 'Mute', icon: VolumeX },
  { value: 'replace', label: 'Replace', icon: Music },
]

export function SoundChoice(props: {
  reelId: string
  sound: Sound
  soundFile: SoundFile | null
  soundOrigin: SoundOrigin | null
  disabled: boolean
  onChange(change: { sound: Sound; soundFile?: SoundFile | null; soundOrigin?: null }): void
}) {
  const { reelId, sound, soundFile, soundOrigin, disabled, onChange } = props
  const client = useStudio()
  const picker = useRef<HTMLInputElement>(null)
  const [importing, setImporting] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const choose = (next: Sound) => {
    if (next === 'replace' && !soundFile) picker.current?.click()
    else onChange({ sound: next })
  }

  const picked = (file: File | undefined) => {
    if (!file) return
    setProblem(null)
    setImporting(file.name)
    importSound(client, reelId, file)
      .then(
        (imported) => onChange({ sound: 'replace', soundFile: imported, soundOrigin: null }),
        (error: unknown) => setProblem(messageOf(error)),
      )
      .finally(() => setImporting(null))
  }

  return (
    <>
      <SegmentedChoice
        label="Sound"
        value={sound}
        options={SOUND_OPTIONS}
        disabled={disabled}
        onChange={choose}
      />
      <input
        ref={picker}
        type="file"
        accept="audio/*,.mp3,.m4a,.aac,.wav,.ogg,.flac"
        hidden
        data-testid="sound-file-input"
        onChange={(event) => {
          picked(event.currentTarget.files?.[0])
          event.currentTarget.value = ''
        }}
      />
      {sound === 'replace' && soundFile ? (
        <div
          className={soundOrigin ? 'inspector-note sound-file sound-file-used' : 'inspector-note sound-file'}
        >
          <Music size={12} aria-hidden="true" />
          <span className="sound-file-name" title={soundFile.name}>
            {soundOrigin ? `“${soundOrigin.title}” · @${soundOrigin.creator}` : soundFile.name}
          </span>
          <span>{formatLength(soundFile.durationMs)}</span>
          <button
            type="button"
            className="button button-small"
            disabled={disabled || importing !== null}
            onClick={() => picker.current?.click()}
          >
            Choose another…
          </button>
          {soundOrigin ? (
            <button
              type="button"
              className="icon-button"
              aria-label="Remove this sound"
              title="Remove this sound (the clip’s own sound plays)"
              disabled={disabled || importing !== null}
              onClick={() => onChange({ sound: 'keep', soundFile: null, soundOrigin: null })}
            >
              <Trash2 size={15} aria-hidden="true" />
            </button>
          ) : null}
        </div>
      ) : null}
      {sound === 'replace' ? (
        <p className="inspector-note">Starts with the reel; loops if shorter than the reel.</p>
      ) : null}
      {importing ? (
        <p className="inspector-note" role="status">
          Importing “{importing}”…
        </p>
      ) : null}
      {problem ? (
        <p className="editor-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  )
}

/**
 * Plays the replacement sound with the (muted) preview video, as the encode will mix it: the
 * sound's start at the trim's in point, looping. Follows play, pause, seeks and speed, and
 * corrects drift beyond a few frames.
 */
export function ReplacementSound(props: {
  video: HTMLVideoElement | null
  reelId: string
  soundFile: SoundFile
  trimInMs: number
}) {
  const { video, reelId, soundFile, trimInMs } = props
  const audio = useRef<HTMLAudioElement>(null)

  useEffect(() => {
    const element = audio.current
    if (!video || !element) return
    const wanted = () => {
      const offset = Math.max(0, video.currentTime - trimInMs / 1000)
      return offset % (soundFile.durationMs / 1000)
    }
    const align = (tolerance: number) => {
      if (Math.abs(element.currentTime - wanted()) > tolerance) element.currentTime = wanted()
    }
    const play = () => {
      align(0.05)
      element.playbackRate = video.playbackRate
      element.play().catch(() => {})
    }
    const pause = () => element.pause()
    const seeked = () => align(0)
    const tick = () => {
      if (!video.paused) align(0.15)
    }
    const rate = () => {
      element.playbackRate = video.playbackRate
    }
    const listeners: Array<[string, () => void]> = [
      ['playing', play],
      ['pause', pause],
      ['waiting', pause],
      ['seeked', seeked],
      ['timeupdate', tick],
      ['ratechange', rate],
    ]
    for (const [name, listener] of listeners) video.addEventListener(name, listener)
    if (!video.paused) play()
    else seeked()
    return () => {
      for (const [name, listener] of listeners) video.removeEventListener(name, listener)
      element.pause()
    }
  }, [video, soundFile, trimInMs])

  return (
    <audio
      ref={audio}
      src={soundUrl(reelId, soundFile.file)}
      loop
      preload="auto"
      data-testid="replacement-sound"
    />
  )
}
