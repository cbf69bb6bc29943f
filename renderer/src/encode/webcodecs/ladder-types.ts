// What the WebCodecs ladder worker is asked and what it answers: plain, structured-cloneable data,
// so it crosses postMessage as is.
import type { Framing } from './frame-layout'

export interface LadderRung {
  name: string
  width: number
  height: number
  bitrateKbps: number
}

/** AAC already encoded for one rung, on the reel's timeline (0 = the trim's start). */
export interface EncodedAudioTrack {
  decoderConfig: AudioDecoderConfig
  packets: Array<{ data: Uint8Array; timestamp: number; duration: number }>
}

export interface LadderRequest {
  source: ArrayBuffer
  framing: Framing
  trimStartMs: number
  trimEndMs: number
  coverMs: number
  rungs: LadderRung[]
  /** The reel has sound: its AAC follows in an `audio` message while the video encodes. */
  withAudio: boolean
  poster: { width: number; height: number }
}

/** What the worker is sent: the request, then (with sound) one track per rung, in rung order. */
export type LadderInput =
  ({ type: 'encode' } & LadderRequest) | { type: 'audio'; tracks: EncodedAudioTrack[] }

/** Milliseconds spent in each step; the steps overlap (the encoders run while the next frame decodes). */
export interface StepTimes {
  decode: number
  scale: number
  encode: number
  mux: number
}

export interface EncodedRendition {
  name: string
  /** Paths inside the rendition's folder. */
  files: Map<string, Uint8Array>
  segments: Array<{ file: string; seconds: number; bytes: number }>
}

export interface LadderResult {
  renditions: EncodedRendition[]
  poster: Uint8Array
  durationMs: number
  steps: StepTimes
  /** The codec string each encoder was configured with (the avcC in init.mp4 is the truth). */
  encoderCodec: string
}

export type LadderMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; result: LadderResult }
  | { type: 'error'; message: string }
