import { describe, expect, it } from 'vitest'
import type { MediaProbe } from '../../../shared/rpc/contract'
import {
  audioSource,
  defaultEncodeOptions,
  frameFilter,
  passWeights,
  posterArgs,
  renditionArgs,
  RENDITIONS,
} from './encode-plan'

const probe: MediaProbe = {
  container: 'mp4',
  durationMs: 120_000,
  width: 1080,
  height: 1920,
  rotation: 0,
  videoCodec: 'avc1.64002a',
  hasAudio: true,
  audioCodec: 'mp4a.40.2',
}

describe('encode plan', () => {
  it('defaults to the whole clip capped at the server limit of 90 s', () => {
    expect(defaultEncodeOptions(probe)).toMatchObject({ trimStartMs: 0, trimEndMs: 90_000, frame: 'fill' })
    expect(defaultEncodeOptions({ ...probe, durationMs: 2000 })).toMatchObject({
      trimEndMs: 2000,
      coverMs: 1000,
    })
  })

  it('frames into 9:16 by bars (fit), a blurred copy (fit-blur) or a crop window (fill)', () => {
    expect(frameFilter({ frame: 'fit' }, 720, 1280)).toContain('pad=720:1280')
    expect(frameFilter({ frame: 'fill' }, 720, 1280)).toContain(
      "crop=720:1280:'clip(0.5000*iw-ow/2,0,iw-ow)':'clip(0.5000*ih-oh/2,0,ih-oh)'",
    )
    expect(frameFilter({ frame: 'fill', cropX: 0.25 }, 720, 1280)).toContain("'clip(0.2500*iw-ow/2,0,iw-ow)'")
    expect(frameFilter({ frame: 'fit-blur' }, 720, 1280)).toMatch(/^split=2\[bg\]\[fg\];.*boxblur.*overlay/)
  })

  it('asks for 2 s fMP4 HLS segments with forced keyframes, audio only when there is some', () => {
    const options = { ...defaultEncodeOptions(probe), trimStartMs: 500, trimEndMs: 2500 }
    const args = renditionArgs('source', RENDITIONS[0]!, options, true).join(' ')
    expect(args).toContain('-ss 0.500 -t 2.000 -i source')
    expect(args).toContain('-hls_time 2 -hls_playlist_type vod -hls_segment_type fmp4')
    expect(args).toContain('-force_key_frames expr:gte(t,n_forced*2) -sc_threshold 0')
    expect(args).toContain('-c:a aac')
    expect(args).toMatch(/720p\/index\.m3u8$/)
    expect(renditionArgs('source', RENDITIONS[1]!, options, false).join(' ')).not.toContain('-c:a')
    // Muted in the editor: no audio even though the source has some.
    expect(
      renditionArgs('source', RENDITIONS[1]!, { ...options, muted: true }, true).join(' '),
    ).not.toContain('-c:a')
  })

  it('replaces the sound with a second input, looped and cut to the trimmed length', () => {
    const soundFile = `${'c'.repeat(64)}.mp3`
    const options = { ...defaultEncodeOptions(probe), trimStartMs: 1500, trimEndMs: 4000, soundFile }
    const args = renditionArgs('source', RENDITIONS[0]!, options, true, 'sound').join(' ')
    // The video is cut at the trim; the sound starts at its own beginning and runs as long.
    expect(args).toContain('-ss 1.500 -t 2.500 -i source -stream_loop -1 -t 2.500 -i sound -map 0:v:0')
    expect(args).toContain('-map 1:a:0 -c:a aac')
    expect(args).not.toContain('0:a:0')
    // A silent clip can get a sound too.
    expect(renditionArgs('source', RENDITIONS[1]!, options, false, 'sound').join(' ')).toContain('-map 1:a:0')
    // Mute wins over everything.
    const muted = renditionArgs('source', RENDITIONS[1]!, { ...options, muted: true }, true, 'sound').join(
      ' ',
    )
    expect(muted).not.toContain('-i sound')
    expect(muted).not.toContain('-c:a')
    expect(audioSource({}, true)).toBe('source')
    expect(audioSource({}, false)).toBeNull()
  })

  it('takes the poster inside the trimmed part', () => {
    const options = { ...defaultEncodeOptions(probe), coverMs: 100_000, trimEndMs: 3000 }
    expect(posterArgs('source', options).join(' ')).toContain('-ss 2.999')
    expect(passWeights().reduce((a, b) => a + b, 0)).toBeCloseTo(1)
  })
})
