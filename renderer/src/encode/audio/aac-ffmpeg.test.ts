import { describe, expect, it } from 'vitest'
import { aacArgs } from './aac-ffmpeg'

const outputs = [
  { bitrateKbps: 128, path: 'a.mp4' },
  { bitrateKbps: 64, path: 'b.mp4' },
]

describe('aacArgs', () => {
  it('trims the clip once and makes stereo 48 kHz AAC-LC at each bitrate, without video', () => {
    const args = aacArgs({ startMs: 1500, durationMs: 4000 }, outputs).join(' ')
    expect(args).toContain('-ss 1.500 -t 4.000 -i audio-source ')
    expect(args).toContain('-map 0:a:0 -vn -c:a aac -b:a 128k -ac 2 -ar 48000 -f mp4 a.mp4')
    expect(args).toContain('-map 0:a:0 -vn -c:a aac -b:a 64k -ac 2 -ar 48000 -f mp4 b.mp4')
    expect(args.match(/-i /g)).toHaveLength(1)
    expect(args).not.toContain('-stream_loop')
  })

  it('loops a replacement sound shorter than the reel', () => {
    const args = aacArgs({ startMs: 0, durationMs: 9000, loop: true }, outputs)
    expect(args.indexOf('-stream_loop')).toBeLessThan(args.indexOf('-i'))
  })
})
