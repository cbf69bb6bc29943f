// What the encode harness page (harness.ts) is asked and answers; no DOM here, so the Node side
// (test/support/encode-harness.ts) shares these types.
import type { EncodeJob, MediaProbe, Settings } from '../../shared/rpc/contract'

export interface HarnessRequest {
  encoder: Settings['encoder']
  job: EncodeJob & { probe: MediaProbe }
}

export interface HarnessAnswer {
  ms: number
  /** What the encoder asked encode.finish to do. */
  finish: unknown
  lastPercent: number
}
