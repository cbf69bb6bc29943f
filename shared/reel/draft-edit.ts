// A draft's edit as it lives in its Yjs document: `Y.Map('edit')` holds the numbers and choices,
// `Y.Text('caption')` the caption (a text type, so two machines typing at once merge by character).
// Missing keys mean "the default for this video": nothing is written until the creator changes it,
// so two machines opening the same fresh draft never race to write different defaults.
import type * as Y from 'yjs'
import { soundFileSchema, soundOriginSchema, type SoundFile, type SoundOrigin } from '../rpc/contract'

export const FITS = ['fit-black', 'fit-blur', 'fill'] as const
export type Fit = (typeof FITS)[number]
export const SOUNDS = ['keep', 'mute', 'replace'] as const
export type Sound = (typeof SOUNDS)[number]

export interface DraftEdit {
  trimInMs: number
  /** Exclusive end on the source's timeline. */
  trimOutMs: number
  fit: Fit
  /** Centre of the 9:16 crop window on the source frame, 0–1 (fill only). */
  cropX: number
  cropY: number
  /** Null until chosen: the editor then picks one (Auto). */
  coverMs: number | null
  sound: Sound
  /** The imported sound Replace plays (kept when the creator switches back, so Replace restores it). */
  soundFile: SoundFile | null
  /**
   * Set when soundFile is another reel's sound ("use this sound"): the manifest then names that
   * reel. Read only while it names the current soundFile, so a peer that swapped the file without
   * clearing it cannot credit the wrong reel.
   */
  soundOrigin: SoundOrigin | null
  caption: string
}

export type DraftEditField = Exclude<keyof DraftEdit, 'caption'>

/** The server's default longest reel; the editor uses the server's own value when it knows it. */
export const DEFAULT_MAX_REEL_MS = 90_000
export const DEFAULT_MIN_REEL_MS = 1_000

export function defaultDraftEdit(durationMs: number, maxMs = DEFAULT_MAX_REEL_MS): DraftEdit {
  return {
    trimInMs: 0,
    trimOutMs: Math.min(durationMs, maxMs),
    fit: 'fill',
    cropX: 0.5,
    cropY: 0.5,
    coverMs: null,
    sound: 'keep',
    soundFile: null,
    soundOrigin: null,
    caption: '',
  }
}

export const editMap = (doc: Y.Doc) => doc.getMap<unknown>('edit')
export const captionText = (doc: Y.Doc) => doc.getText('caption')

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const unit = (value: unknown, fallback: number) =>
  finite(value) ? Math.min(1, Math.max(0, value)) : fallback

/**
 * Reads the edit, repairing what a peer could have written wrong (a value of the wrong type, a trim
 * outside the video): the document is shared data, so the reader never trusts it blindly.
 */
export function readDraftEdit(doc: Y.Doc, durationMs: number): DraftEdit {
  const map = editMap(doc)
  const defaults = defaultDraftEdit(durationMs)
  const inMs = map.get('trimInMs')
  const outMs = map.get('trimOutMs')
  const trimInMs = finite(inMs) ? Math.round(Math.min(Math.max(0, inMs), durationMs - 1)) : 0
  const trimOutMs = finite(outMs)
    ? Math.round(Math.min(Math.max(trimInMs + 1, outMs), durationMs))
    : Math.max(trimInMs + 1, defaults.trimOutMs)
  const fit = map.get('fit')
  const sound = map.get('sound')
  const cover = map.get('coverMs')
  const soundFile = soundFileSchema.safeParse(map.get('soundFile'))
  const soundChoice = SOUNDS.includes(sound as Sound) ? (sound as Sound) : defaults.sound
  const soundOrigin = soundOriginSchema.safeParse(map.get('soundOrigin'))
  return {
    trimInMs,
    trimOutMs,
    fit: FITS.includes(fit as Fit) ? (fit as Fit) : defaults.fit,
    cropX: unit(map.get('cropX'), 0.5),
    cropY: unit(map.get('cropY'), 0.5),
    coverMs: finite(cover) ? Math.round(Math.min(Math.max(cover, trimInMs), trimOutMs - 1)) : null,
    // Replace without a usable file (a peer's bad write) plays the video's own sound.
    sound: soundChoice === 'replace' && !soundFile.success ? defaults.sound : soundChoice,
    soundFile: soundFile.success ? soundFile.data : null,
    soundOrigin:
      soundOrigin.success && soundFile.success && soundOrigin.data.file === soundFile.data.file
        ? soundOrigin.data
        : null,
    caption: captionText(doc).toString(),
  }
}

/** What a reel package's manifest says of its sound (REEL-PACKAGE.md `sound`). */
export interface ManifestSound {
  title: string
  sourceReelId: string | null
}

export const ORIGINAL_SOUND: ManifestSound = { title: 'Original sound', sourceReelId: null }

/**
 * The manifest's sound for an encode that used `encodedSoundFile` as its replacement (undefined: the
 * video's own sound, or none). Another reel is credited only when the draft still plays that very
 * file as that reel's sound; a creator's own file, the clip's sound or silence is an original sound.
 */
export function manifestSound(
  edit: Pick<DraftEdit, 'sound' | 'soundOrigin'>,
  encodedSoundFile: string | undefined,
): ManifestSound {
  const origin = edit.soundOrigin
  if (!encodedSoundFile || edit.sound !== 'replace' || origin?.file !== encodedSoundFile)
    return ORIGINAL_SOUND
  return { title: origin.title, sourceReelId: origin.sourceReelId }
}
