import { afterEach, describe, expect, it, vi } from 'vitest'
import { chooseEncoder } from './encoder-choice'
import { supportedAvcCodec } from './webcodecs/avc-encoder-config'

/** A browser whose WebCodecs accepts exactly these codec strings. */
function browserEncoding(codecs: string[]) {
  vi.stubGlobal('VideoEncoder', {
    isConfigSupported: (config: VideoEncoderConfig) =>
      Promise.resolve({ supported: codecs.includes(config.codec), config }),
  })
}

afterEach(() => vi.unstubAllGlobals())

describe('chooseEncoder', () => {
  it('takes WebCodecs automatically where it offers H.264, ffmpeg.wasm where it does not', async () => {
    browserEncoding(['avc1.42e028'])
    expect(await chooseEncoder('auto')).toBe('webcodecs')
    browserEncoding([])
    expect(await chooseEncoder('auto')).toBe('ffmpeg-wasm')
  })

  it('uses ffmpeg.wasm when the setting says so, even where WebCodecs could', async () => {
    browserEncoding(['avc1.640028'])
    expect(await chooseEncoder('ffmpeg-wasm')).toBe('ffmpeg-wasm')
  })

  it('says so when WebCodecs is forced but has no H.264 encoder (Node has no WebCodecs at all)', async () => {
    await expect(chooseEncoder('webcodecs')).rejects.toThrow(/no H.264 encoder/)
  })
})

describe('supportedAvcCodec', () => {
  it('prefers High, then Main, then Constrained Baseline', async () => {
    browserEncoding(['avc1.4d4028', 'avc1.42e028'])
    expect(await supportedAvcCodec(720, 1280, 2500)).toBe('avc1.4d4028')
    browserEncoding(['avc1.640028', 'avc1.42e028'])
    expect(await supportedAvcCodec(720, 1280, 2500)).toBe('avc1.640028')
  })
})
