// A stretch of some media file's sound, the input of the AAC step (aac-tracks.ts).
import type { EncodedAudioTrack } from '../webcodecs/ladder-types'

export interface AudioClip {
  /** A media file with an audio track (any container the browser or ffmpeg reads). */
  bytes: Uint8Array
  startMs: number
  durationMs: number
  /** Repeat a sound shorter than durationMs (a replacement sound never lets the reel fall silent). */
  loop?: boolean
}

/** Packets from the encoder's priming (before 0) and past the clip's end are not part of the reel. */
export function withinClip(
  packets: EncodedAudioTrack['packets'],
  durationS: number,
): EncodedAudioTrack['packets'] {
  return packets.filter((packet) => packet.timestamp >= 0 && packet.timestamp < durationS)
}
