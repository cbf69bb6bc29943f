import { describe, expect, it } from 'vitest'
import { playlistSegments } from '../../../../shared/reel/master-playlist'
import { HlsRenditionCollector, mediaPlaylist } from './hls-rendition-files'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('HlsRenditionCollector', () => {
  it('splits a fragmented MP4 into init.mp4, one segment per fragment and a VOD playlist', () => {
    const collector = new HlsRenditionCollector()
    collector.onFtyp(bytes(1, 2))
    collector.onMoov(bytes(3))
    collector.onMoof(bytes(4), 3, 0)
    collector.onMdat(bytes(5, 6))
    collector.onMoof(bytes(7), 6, 2)
    collector.onMdat(bytes(8))
    const { files, segments } = collector.finish(3.5)
    expect([...files.keys()]).toEqual(['init.mp4', 'seg000.m4s', 'seg001.m4s', 'index.m3u8'])
    expect(files.get('init.mp4')).toEqual(bytes(1, 2, 3))
    expect(files.get('seg000.m4s')).toEqual(bytes(4, 5, 6))
    expect(segments).toEqual([
      { file: 'seg000.m4s', seconds: 2, bytes: 3 },
      { file: 'seg001.m4s', seconds: 1.5, bytes: 2 },
    ])
    const playlist = new TextDecoder().decode(files.get('index.m3u8'))
    expect(playlistSegments(playlist)).toEqual([
      { file: 'seg000.m4s', seconds: 2 },
      { file: 'seg001.m4s', seconds: 1.5 },
    ])
  })

  it('folds a sliver of a last fragment into the segment before it', () => {
    const collector = new HlsRenditionCollector()
    collector.onFtyp(bytes(1))
    collector.onMoov(bytes(2))
    collector.onMoof(bytes(3), 2, 0)
    collector.onMdat(bytes(4))
    collector.onMoof(bytes(5), 4, 1.98)
    collector.onMdat(bytes(6))
    collector.onMoof(bytes(7), 6, 3.498)
    collector.onMdat(bytes(8))
    const { files, segments } = collector.finish(3.5)
    expect(segments.map((segment) => segment.file)).toEqual(['seg000.m4s', 'seg001.m4s'])
    expect(segments[1]!.seconds).toBeCloseTo(1.52)
    expect(files.get('seg001.m4s')).toEqual(bytes(5, 6, 7, 8))
  })

  it('refuses output that is not a fragmented MP4', () => {
    const collector = new HlsRenditionCollector()
    collector.onFtyp(bytes(1))
    expect(() => collector.onMdat(bytes(2))).toThrow(/outside a fragment/)
    expect(() => collector.finish(1)).toThrow(/no fragmented MP4/)
  })
})

describe('mediaPlaylist', () => {
  it('is VOD, maps init.mp4 first and rounds the target duration up', () => {
    const text = mediaPlaylist([
      { file: 'seg000.m4s', seconds: 2.0333 },
      { file: 'seg001.m4s', seconds: 0.5 },
    ])
    expect(text).toContain('#EXT-X-TARGETDURATION:3\n')
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD\n')
    expect(text.indexOf('#EXT-X-MAP:URI="init.mp4"')).toBeLessThan(text.indexOf('#EXTINF'))
    expect(text.endsWith('#EXT-X-ENDLIST\n')).toBe(true)
  })
})
