// Which encoder a job uses: the creator's setting, and for "Automatic" whether this browser offers
// WebCodecs an H.264 encoder for the top rung (Chromium does, in software, even with the GPU off).
// ffmpeg.wasm stays a complete path of its own: the setting, and the fallback everywhere else.
import type { Settings } from '../../../shared/rpc/contract'
import { RENDITIONS } from './encode-plan'
import { supportedAvcCodec } from './webcodecs/avc-encoder-config'

export type EncoderPath = 'webcodecs' | 'ffmpeg-wasm'

export async function chooseEncoder(setting: Settings['encoder']): Promise<EncoderPath> {
  if (setting === 'ffmpeg-wasm') return 'ffmpeg-wasm'
  const top = RENDITIONS[0]!
  const supported = (await supportedAvcCodec(top.width, top.height, top.maxrateKbps)) !== null
  if (supported) return 'webcodecs'
  if (setting === 'webcodecs')
    throw new Error(
      'This browser offers WebCodecs no H.264 encoder; choose Automatic or ffmpeg.wasm in Settings',
    )
  return 'ffmpeg-wasm'
}
