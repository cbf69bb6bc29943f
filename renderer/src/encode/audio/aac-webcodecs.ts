// AAC through WebCodecs' AudioEncoder, where the browser offers one (not Chromium on Linux): the
// clip's sound is decoded by mediabunny and encoded once per bitrate at its own rate and layout.
import { ALL_FORMATS, AudioSampleSink, BufferSource, Input } from 'mediabunny'
import type { EncodedAudioTrack } from '../webcodecs/ladder-types'
import { withinClip, type AudioClip } from './audio-clip'

type AacConfig = Omit<AudioEncoderConfig, 'bitrate'>

/** The AudioEncoder configuration for this clip's sound, or null when the browser cannot encode AAC. */
export async function webCodecsAacConfig(
  bytes: Uint8Array,
  bitratesKbps: readonly number[],
): Promise<AacConfig | null> {
  if (typeof AudioEncoder === 'undefined') return null
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS })
  try {
    const track = await input.getPrimaryAudioTrack()
    if (!track || !(await track.canDecode())) return null
    const config: AacConfig = {
      codec: 'mp4a.40.2',
      sampleRate: track.sampleRate,
      numberOfChannels: track.numberOfChannels,
    }
    for (const bitrate of bitratesKbps) {
      const { supported } = await AudioEncoder.isConfigSupported({
        ...config,
        bitrate: bitrate * 1000,
      }).catch(() => ({ supported: false }))
      if (!supported) return null
    }
    return config
  } finally {
    input.dispose()
  }
}

export async function aacWithWebCodecs(
  clip: AudioClip,
  config: AacConfig,
  bitratesKbps: readonly number[],
): Promise<EncodedAudioTrack[]> {
  const startS = clip.startMs / 1000
  const durationS = clip.durationMs / 1000
  const tracks = bitratesKbps.map(() => ({
    decoderConfig: null as AudioDecoderConfig | null,
    packets: [] as EncodedAudioTrack['packets'],
  }))
  let failure: Error | null = null
  const encoders = bitratesKbps.map((bitrate, index) => {
    const encoder = new AudioEncoder({
      output: (chunk, meta) => {
        const data = new Uint8Array(chunk.byteLength)
        chunk.copyTo(data)
        tracks[index]!.decoderConfig ??= meta?.decoderConfig ?? null
        tracks[index]!.packets.push({
          data,
          timestamp: chunk.timestamp / 1e6 - startS,
          duration: (chunk.duration ?? 0) / 1e6,
        })
      },
      error: (error) => (failure ??= error),
    })
    encoder.configure({ ...config, bitrate: bitrate * 1000 })
    return encoder
  })
  const input = new Input({ source: new BufferSource(clip.bytes), formats: ALL_FORMATS })
  try {
    const track = await input.getPrimaryAudioTrack()
    if (!track) throw new Error('The sound source has no audio track')
    for await (const sample of new AudioSampleSink(track).samples(startS, startS + durationS)) {
      for (const encoder of encoders) {
        const data = sample.toAudioData()
        encoder.encode(data)
        data.close()
      }
      sample.close()
    }
    await Promise.all(encoders.map((encoder) => encoder.flush()))
    if (failure) throw failure
    return tracks.map(({ decoderConfig, packets }) => {
      if (!decoderConfig) throw new Error('The AAC encoder gave no decoder configuration')
      return { decoderConfig, packets: withinClip(packets, durationS) }
    })
  } finally {
    for (const encoder of encoders) if (encoder.state !== 'closed') encoder.close()
    input.dispose()
  }
}
