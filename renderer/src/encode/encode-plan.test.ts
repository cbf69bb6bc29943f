import { describe, expect, it } from 'vitest'
import type { MediaProbe } from '../../../shared/rpc/contract'
import { audioSource, defaultEncodeOptions, frameFilter, ladderArgs, RENDITIONS } from './encode-plan'

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

  it('makes every rendition and the poster in one run, decoding the source once', () => {
    const options = { ...defaultEncodeOptions(probe), trimStartMs: 500, trimEndMs: 2500, coverMs: 1500 }
    const args = ladderArgs('source', options, true)
    // One input, framed once at the top rung's size and split to both rungs and the poster.
    expect(args.filter((arg) => arg === '-i')).toHaveLength(1)
    const graph = args[args.indexOf('-filter_complex') + 1]!
    expect(graph.match(/\[0:v\]/g)).toHaveLength(1)
    expect(graph).toContain('scale=720:1280:force_original_aspect_ratio=increase')
    expect(graph).toContain('split=3[framed0][framed1][cover]')
    expect(graph).toContain('[framed1]scale=360:640[rung1]')
    // The input starts at the trim, so the cover's time counts from the in point.
    expect(graph).toContain('[cover]trim=start=1.000,scale=720:1280[poster]')
    const line = args.join(' ')
    expect(line).toContain('-ss 0.500 -t 2.000 -i source')
    // One HLS output per rung, each with its own picture, rate cap and audio bitrate.
    for (const [index, rendition] of RENDITIONS.entries()) {
      expect(line).toContain(
        `-map [rung${index}] -c:v libx264 -preset veryfast -crf 23 -profile:v high ` +
          `-maxrate ${rendition.maxrateKbps}k`,
      )
      expect(line).toContain(`-map 0:a:0 -c:a aac -b:a ${rendition.audioKbps}k`)
      expect(line).toContain(
        `-hls_segment_filename ${rendition.name}/seg%03d.m4s ${rendition.name}/index.m3u8`,
      )
    }
    expect(line.match(/-hls_time 2 -hls_playlist_type vod -hls_segment_type fmp4/g)).toHaveLength(2)
    expect(line.match(/-force_key_frames expr:gte\(t,n_forced\*2\) -sc_threshold 0/g)).toHaveLength(2)
    expect(line).toMatch(/-map \[poster\] -frames:v 1 -q:v 3 poster\.jpg$/)
    // No sound: no audio track at all; muted in the editor: none either.
    expect(ladderArgs('source', options, false).join(' ')).not.toContain('-c:a')
    expect(ladderArgs('source', { ...options, muted: true }, true).join(' ')).not.toContain('-c:a')
  })

  it('frames fit-blur once for every rung (its own split stays inside the framing)', () => {
    const graph = ladderArgs('source', { ...defaultEncodeOptions(probe), frame: 'fit-blur' }, true)
    const filter = graph[graph.indexOf('-filter_complex') + 1]!
    expect(filter).toMatch(/^\[0:v\]split=2\[bg\]\[fg\];.*overlay=\(W-w\)\/2:\(H-h\)\/2,setsar=1,split=3/)
    expect(filter.match(/boxblur/g)).toHaveLength(1)
  })

  it('replaces the sound with a second input, looped and cut to the trimmed length', () => {
    const soundFile = `${'c'.repeat(64)}.mp3`
    const options = { ...defaultEncodeOptions(probe), trimStartMs: 1500, trimEndMs: 4000, soundFile }
    const args = ladderArgs('source', options, true, 'sound').join(' ')
    // The video is cut at the trim; the sound starts at its own beginning and runs as long.
    expect(args).toContain('-ss 1.500 -t 2.500 -i source -stream_loop -1 -t 2.500 -i sound -filter_complex')
    expect(args.match(/-map 1:a:0 -c:a aac/g)).toHaveLength(2)
    expect(args).not.toContain('0:a:0')
    // A silent clip can get a sound too.
    expect(ladderArgs('source', options, false, 'sound').join(' ')).toContain('-map 1:a:0')
    // Mute wins over everything.
    const muted = ladderArgs('source', { ...options, muted: true }, true, 'sound').join(' ')
    expect(muted).not.toContain('-i sound')
    expect(muted).not.toContain('-c:a')
    expect(audioSource({}, true)).toBe('source')
    expect(audioSource({}, false)).toBeNull()
  })

  it('takes the poster inside the trimmed part', () => {
    const late = { ...defaultEncodeOptions(probe), trimStartMs: 1000, coverMs: 100_000, trimEndMs: 3000 }
    expect(ladderArgs('source', late, true).join(' ')).toContain('[cover]trim=start=1.999,')
    const early = { ...late, coverMs: 0 }
    expect(ladderArgs('source', early, true).join(' ')).toContain('[cover]trim=start=0.000,')
  })
})
