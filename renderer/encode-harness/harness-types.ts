// What the encode harness page (harness.ts) is asked and answers; no DOM here, so the Node side
// (test/support/encode-harness.ts) shares these types.
import type { EncodeJob, MediaProbe, Settings } from '../../shared/rpc/contract'

export interface HarnessRequest {
  encoder: Settings['encoder']
  job: EncodeJob & { probe: MediaProbe }
  /** WebCodecs' bitrate per rendition, when not its maxrate (the benchmark's quality sweep). */
  webCodecsKbps?: Record<string, number>
  /** Cancels the job once its progress reaches this percentage (as the studio's Cancel does). */
  cancelAtPercent?: number
}

export interface HarnessAnswer {
  ms: number
  /** How runEncode ended: cancelled means it threw EncodeCancelled. */
  outcome: 'done' | 'cancelled'
  /** ffmpeg.wasm cores this page has fetched so far (each load fetches one). */
  coresLoaded: number
  /** What the encoder asked encode.finish to do. */
  finish: unknown
  lastPercent: number
}
