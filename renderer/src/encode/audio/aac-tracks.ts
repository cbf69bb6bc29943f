// The reel's sound as AAC-LC, one track per rendition bitrate, on the reel's timeline (0 = the
// clip's start). A step of its own that takes any audio source (the video's own sound, or an audio
// file that replaces it), so the video encoder never needs to know where the sound came from.
// WebCodecs' AudioEncoder where it offers AAC (Chromium on macOS and Windows); else ffmpeg.wasm,
// audio only, which is cheap next to video (Chromium on Linux offers WebCodecs no AAC encoder).
import type { EncodedAudioTrack } from '../webcodecs/ladder-types'
import { aacWithFfmpeg } from './aac-ffmpeg'
import { aacWithWebCodecs, webCodecsAacConfig } from './aac-webcodecs'
import type { AudioClip } from './audio-clip'

export async function encodeAacTracks(
  clip: AudioClip,
  bitratesKbps: readonly number[],
  signal: AbortSignal,
): Promise<EncodedAudioTrack[]> {
  // Looping is ffmpeg's -stream_loop; the WebCodecs route reads the clip once.
  const config = clip.loop ? null : await webCodecsAacConfig(clip.bytes, bitratesKbps)
  if (config) return aacWithWebCodecs(clip, config, bitratesKbps)
  return aacWithFfmpeg(clip, bitratesKbps, signal)
}
