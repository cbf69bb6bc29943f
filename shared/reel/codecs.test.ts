import { describe, expect, it } from 'vitest'
import { avcCodecString, parseReelCodecs, sameReelCodecs } from './codecs'

describe('reel codecs', () => {
  it('parses H.264 with and without AAC-LC', () => {
    expect(parseReelCodecs('avc1.64001f,mp4a.40.2')).toEqual({
      video: { profile: 0x64, constraints: 0, level: 0x1f },
      audio: true,
    })
    expect(parseReelCodecs('avc1.42C01E')?.audio).toBe(false)
  })

  it.each([
    '',
    'mp4a.40.2',
    'avc1.64001',
    'avc3.64001f',
    'hvc1.1.6.L93.B0',
    'avc1.64001f,mp4a.40.5',
    'avc1.64001f,avc1.64001f',
  ])('refuses %j', (codecs) => {
    expect(parseReelCodecs(codecs)).toBeNull()
  })

  it('compares lists regardless of order, spaces and hex case', () => {
    expect(sameReelCodecs('mp4a.40.2, avc1.64001F', 'avc1.64001f,mp4a.40.2')).toBe(true)
    expect(sameReelCodecs('avc1.64001f', 'avc1.64001f,mp4a.40.2')).toBe(false)
    expect(sameReelCodecs('avc1.42e01e', 'avc1.64001f')).toBe(false)
  })

  it('writes avc1.PPCCLL with two lower-case hex digits each', () => {
    expect(avcCodecString({ profile: 0x42, constraints: 0xc0, level: 0x0d })).toBe('avc1.42c00d')
  })
})
