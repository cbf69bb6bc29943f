import { describe, expect, it } from 'vitest'
import {
  PlaylistSyntaxError,
  decodePlaylist,
  parseAttributes,
  parseMasterPlaylist,
  parseMediaPlaylist,
} from './m3u8'

describe('parseAttributes', () => {
  it('keeps commas inside quoted values', () => {
    const attributes = parseAttributes('BANDWIDTH=100,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=720x1280')
    expect(Object.fromEntries(attributes)).toEqual({
      BANDWIDTH: '100',
      CODECS: 'avc1.64001f,mp4a.40.2',
      RESOLUTION: '720x1280',
    })
  })

  it.each(['BANDWIDTH', 'A=1,,B=2', 'A="open', 'A=1,A=2'])('refuses %j', (list) => {
    expect(() => parseAttributes(list)).toThrow(PlaylistSyntaxError)
  })
})

describe('parseMasterPlaylist', () => {
  it('pairs each EXT-X-STREAM-INF with the URI below it', () => {
    const master = parseMasterPlaylist(
      '#EXTM3U\r\n#EXT-X-VERSION:7\r\n#EXT-X-INDEPENDENT-SEGMENTS\r\n# a comment\r\n#EXT-X-STREAM-INF:BANDWIDTH=1\r\n\r\n720p/index.m3u8\r\n',
    )
    expect(master.version).toBe(7)
    expect(master.independentSegments).toBe(true)
    expect(master.variants.map((variant) => variant.uri)).toEqual(['720p/index.m3u8'])
  })

  it('notes tags that carry other URIs', () => {
    const master = parseMasterPlaylist('#EXTM3U\n#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="x.m3u8"\n')
    expect(master.otherUriTags).toEqual(['EXT-X-I-FRAME-STREAM-INF'])
  })

  it.each([
    ['no #EXTM3U', '#EXT-X-VERSION:7\n'],
    ['a URI without STREAM-INF', '#EXTM3U\na.m3u8\n'],
    ['a dangling STREAM-INF', '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n'],
    ['two versions', '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-VERSION:7\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseMasterPlaylist(text)).toThrow(PlaylistSyntaxError)
  })
})

describe('parseMediaPlaylist', () => {
  const playlist = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-TARGETDURATION:2',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-MAP:URI="init.mp4"',
    '#EXTINF:2.000000,',
    'seg000.m4s',
    '#EXTINF:1.5,title, with comma',
    'seg001.m4s',
    '#EXT-X-ENDLIST',
    '',
  ].join('\n')

  it('reads segments, durations, the map and the end', () => {
    const media = parseMediaPlaylist(playlist)
    expect(media).toMatchObject({
      targetDuration: 2,
      playlistType: 'VOD',
      endList: true,
      map: { uri: 'init.mp4', byteRange: false, beforeFirstSegment: true },
      segments: [
        { uri: 'seg000.m4s', duration: 2 },
        { uri: 'seg001.m4s', duration: 1.5 },
      ],
      unsupportedTags: [],
    })
  })

  it('notes byte ranges, encryption and partial segments', () => {
    const media = parseMediaPlaylist(
      '#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXT-X-BYTERANGE:10@0\n#EXT-X-PART:DURATION=1,URI="p.m4s"\n',
    )
    expect(media.unsupportedTags).toEqual(['EXT-X-KEY', 'EXT-X-BYTERANGE', 'EXT-X-PART'])
  })

  it.each([
    ['a segment after ENDLIST', '#EXTM3U\n#EXT-X-ENDLIST\n#EXTINF:1,\na.m4s\n'],
    ['a negative duration', '#EXTM3U\n#EXTINF:-1,\na.m4s\n'],
    ['an exponent duration', '#EXTM3U\n#EXTINF:1e3,\na.m4s\n'],
    ['an EXTINF without URI', '#EXTM3U\n#EXTINF:1,\n'],
    ['a fractional target duration', '#EXTM3U\n#EXT-X-TARGETDURATION:2.5\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parseMediaPlaylist(text)).toThrow(PlaylistSyntaxError)
  })
})

it('decodes UTF-8 only', () => {
  expect(() => decodePlaylist(Buffer.from([0x23, 0xff, 0xfe]))).toThrow(PlaylistSyntaxError)
})
