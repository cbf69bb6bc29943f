import { describe, expect, it } from 'vitest'
import { masterPlaylist } from '../../../shared/reel/master-playlist'
import { masterVariants, mediaPlaylist, smallestWithSound } from './hls-playlists'

const rendition = (name: string, bandwidth: number, codecs: string) => ({
  name,
  width: 720,
  height: 1280,
  bandwidth,
  codecs,
  playlist: `${name}/index.m3u8`,
})

describe('hls playlists of a published reel', () => {
  it('picks the smallest rendition that carries AAC sound, whatever the order', () => {
    const master = masterPlaylist([
      rendition('720p', 2_800_000, 'avc1.64001f,mp4a.40.2'),
      rendition('240p', 300_000, 'avc1.42c015'),
      rendition('360p', 900_000, 'avc1.42c01e,mp4a.40.2'),
    ])
    const variants = masterVariants(master)
    expect(variants.map((variant) => variant.uri)).toEqual([
      '720p/index.m3u8',
      '240p/index.m3u8',
      '360p/index.m3u8',
    ])
    expect(smallestWithSound(variants)?.uri).toBe('360p/index.m3u8')
  })

  it('finds nothing to download in a reel without sound or in garbage', () => {
    expect(
      smallestWithSound(masterVariants(masterPlaylist([rendition('720p', 1000, 'avc1.64001f')]))),
    ).toBeNull()
    expect(masterVariants('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=abc\nx.m3u8\n<html>')).toEqual([])
  })

  it('reads the init segment, the segments in order and the duration of a media playlist', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:2.000,',
      'seg000.m4s',
      '#EXTINF:0.500,',
      'seg001.m4s',
      '#EXT-X-ENDLIST',
    ].join('\n')
    expect(mediaPlaylist(text)).toEqual({
      init: 'init.mp4',
      segments: ['seg000.m4s', 'seg001.m4s'],
      durationMs: 2500,
    })
    expect(mediaPlaylist('#EXTM3U\n#EXTINF:2,\nseg.m4s\n')).toBeNull()
  })
})
