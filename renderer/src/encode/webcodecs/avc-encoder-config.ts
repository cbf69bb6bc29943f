// Which H.264 encoder configuration this browser offers for a rendition, asked of WebCodecs itself:
// High profile first (what x264 makes on the ffmpeg path), then Main, then Constrained Baseline.
// Level 4.0 covers every rung up to 1080p30 / 720p60. `avc` format: the muxer needs avcC, not
// Annex B start codes.

const PROFILES = ['avc1.640028', 'avc1.4d4028', 'avc1.42e028']

export function avcConfig(
  codec: string,
  width: number,
  height: number,
  bitrateKbps: number,
): VideoEncoderConfig {
  return {
    codec,
    width,
    height,
    bitrate: bitrateKbps * 1000,
    bitrateMode: 'variable',
    framerate: 30,
    latencyMode: 'quality',
    hardwareAcceleration: 'no-preference',
    avc: { format: 'avc' },
  }
}

/** The first H.264 profile the browser can encode at this size, or null (no WebCodecs H.264 here). */
export async function supportedAvcCodec(
  width: number,
  height: number,
  bitrateKbps: number,
): Promise<string | null> {
  if (typeof VideoEncoder === 'undefined') return null
  for (const codec of PROFILES) {
    const { supported } = await VideoEncoder.isConfigSupported(
      avcConfig(codec, width, height, bitrateKbps),
    ).catch(() => ({ supported: false }))
    if (supported) return codec
  }
  return null
}
