// AAC through ffmpeg.wasm, audio only: ffmpeg trims and encodes the clip's sound into an MP4 per
// bitrate, and mediabunny reads the packets back out for the WebCodecs path's muxer.
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny'
import type { EncodedAudioTrack } from '../webcodecs/ladder-types'
import { withFfmpeg } from '../shared-ffmpeg'
import { withinClip, type AudioClip } from './audio-clip'

const SOURCE = 'audio-source'

/**
 * ffmpeg's arguments for the clip's AAC-LC tracks, one output per bitrate from one decode: stereo,
 * 48 kHz, like the ffmpeg path's.
 */
export function aacArgs(
  clip: Omit<AudioClip, 'bytes'>,
  outputs: ReadonlyArray<{ bitrateKbps: number; path: string }>,
): string[] {
  const seconds = (ms: number) => (ms / 1000).toFixed(3)
  const args = ['-hide_banner', '-nostdin', '-y', ...(clip.loop ? ['-stream_loop', '-1'] : [])]
  args.push('-ss', seconds(clip.startMs), '-t', seconds(clip.durationMs), '-i', SOURCE)
  for (const { bitrateKbps, path } of outputs) {
    args.push('-map', '0:a:0', '-vn', '-c:a', 'aac', '-b:a', `${bitrateKbps}k`, '-ac', '2', '-ar', '48000')
    args.push('-f', 'mp4', path)
  }
  return args
}

export function aacWithFfmpeg(
  clip: AudioClip,
  bitratesKbps: readonly number[],
  signal: AbortSignal,
): Promise<EncodedAudioTrack[]> {
  // The window's shared ffmpeg.wasm: after the first job, no core to load.
  return withFfmpeg({ threads: false, signal }, async (ffmpeg) => {
    // writeFile transfers the buffer to ffmpeg's worker: give it a copy, the caller keeps the clip.
    await ffmpeg.writeFile(SOURCE, clip.bytes.slice())
    const outputs = bitratesKbps.map((bitrateKbps, index) => ({ bitrateKbps, path: `audio-${index}.mp4` }))
    const code = await ffmpeg.exec(aacArgs(clip, outputs))
    if (code !== 0) throw new Error(`ffmpeg could not encode the sound (exit ${code})`)
    const tracks: EncodedAudioTrack[] = []
    for (const { path } of outputs) {
      const data = await ffmpeg.readFile(path)
      if (typeof data === 'string') throw new Error(`${path} came back as text`)
      tracks.push(await readAacTrack(data, clip.durationMs / 1000))
    }
    return tracks
  })
}

async function readAacTrack(bytes: Uint8Array, durationS: number): Promise<EncodedAudioTrack> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS })
  try {
    const track = await input.getPrimaryAudioTrack()
    const decoderConfig = await track?.getDecoderConfig()
    if (!track || !decoderConfig) throw new Error('ffmpeg made no AAC track')
    const packets: EncodedAudioTrack['packets'] = []
    for await (const packet of new EncodedPacketSink(track).packets()) {
      packets.push({ data: packet.data, timestamp: packet.timestamp, duration: packet.duration })
    }
    return { decoderConfig, packets: withinClip(packets, durationS) }
  } finally {
    input.dispose()
  }
}
