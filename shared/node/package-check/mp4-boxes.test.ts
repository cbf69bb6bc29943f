import { describe, expect, it } from 'vitest'
import { ByteReader } from './byte-reader'
import { BoxError, childBoxes, decodeBoxHeader, findBox, readBoxHeader } from './mp4-boxes'
import { checkInitSegment, readInitSegment } from './mp4-init'
import { checkMediaSegment } from './mp4-segment'
import { PackageRejection } from './reasons'
import type { Rendition } from '../../reel/manifest-schema'

export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload)
  const header = Buffer.alloc(8)
  header.writeUInt32BE(8 + body.length)
  header.write(type, 4, 'latin1')
  return Buffer.concat([header, body])
}
const u32 = (...values: number[]) =>
  Buffer.concat(
    values.map((value) =>
      Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]),
    ),
  )

function avc1(width: number, height: number, profile = 0x64, level = 0x1f): Buffer {
  const entry = Buffer.alloc(78)
  entry.writeUInt16BE(1, 6)
  entry.writeUInt16BE(width, 24)
  entry.writeUInt16BE(height, 26)
  return box('avc1', entry, box('avcC', Buffer.from([1, profile, 0, level, 0xff, 0xe0])))
}

function mp4a(objectType: number): Buffer {
  const entry = Buffer.alloc(28)
  entry.writeUInt16BE(2, 16)
  // esds: ES_Descriptor(3) > DecoderConfigDescriptor(4, MPEG-4 audio) > DecoderSpecificInfo(5).
  const specific = Buffer.from([5, 2, (objectType << 3) | 1, 0x90])
  const config = Buffer.concat([
    Buffer.from([4, 13 + specific.length, 0x40, 0x15]),
    Buffer.alloc(11),
    specific,
  ])
  const es = Buffer.concat([Buffer.from([3, 3 + config.length, 0, 1, 0]), config])
  return box('mp4a', entry, box('esds', Buffer.alloc(4), es))
}

function trak(handler: string, entry: Buffer): Buffer {
  const hdlr = box('hdlr', Buffer.alloc(8), Buffer.from(handler), Buffer.alloc(13))
  const stsd = box('stsd', u32(0, 1), entry)
  return box('trak', box('mdia', hdlr, box('minf', box('stbl', stsd))))
}

function init(...traks: Buffer[]): Buffer {
  return Buffer.concat([
    box('ftyp', Buffer.from('iso5'), u32(512)),
    box('moov', box('mvhd', Buffer.alloc(100)), box('mvex'), ...traks),
  ])
}

const rendition = (codecs: string): Rendition => ({
  name: '720p',
  width: 720,
  height: 1280,
  bandwidth: 1,
  codecs,
  playlist: '720p/index.m3u8',
})

async function rejection(action: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await action()
  } catch (error) {
    if (error instanceof PackageRejection) return `${error.reason}: ${error.message}`
    throw error
  }
  return 'accepted'
}

async function checkInit(bytes: Buffer, codecs: string) {
  return rejection(async () =>
    checkInitSegment(
      await readInitSegment(new ByteReader([bytes]), bytes.length, 'i'),
      rendition(codecs),
      'i',
    ),
  )
}

describe('box headers', () => {
  it('reads 32-bit, 64-bit, to-the-end and uuid headers', () => {
    expect(decodeBoxHeader(box('free', Buffer.alloc(4)), 0, 12)).toEqual({
      type: 'free',
      size: 12,
      headerSize: 8,
    })
    const large = Buffer.concat([u32(1), Buffer.from('mdat'), u32(0, 20), Buffer.alloc(4)])
    expect(decodeBoxHeader(large, 0, 20)).toEqual({ type: 'mdat', size: 20, headerSize: 16 })
    expect(decodeBoxHeader(Buffer.concat([u32(0), Buffer.from('mdat')]), 0, 100).size).toBe(100)
    expect(
      decodeBoxHeader(Buffer.concat([u32(30), Buffer.from('uuid'), Buffer.alloc(22)]), 0, 30).headerSize,
    ).toBe(24)
  })

  it('refuses sizes that would loop or overrun', () => {
    expect(() => decodeBoxHeader(Buffer.concat([u32(4), Buffer.from('free')]), 0, 8)).toThrow(BoxError)
    expect(() => decodeBoxHeader(box('free', Buffer.alloc(8)), 0, 10)).toThrow(BoxError)
    expect(() => [...childBoxes(Buffer.concat([box('free'), Buffer.alloc(3)]))]).toThrow(BoxError)
    const huge = Buffer.concat([u32(1), Buffer.from('mdat'), Buffer.alloc(8, 0xff)])
    expect(() => decodeBoxHeader(huge, 0, 1e12)).toThrow(BoxError)
  })

  it('finds nested boxes and reads headers from a stream', async () => {
    const moov = box('moov', box('trak', box('mdia', box('hdlr', Buffer.alloc(4)))))
    expect(findBox(moov.subarray(8), ['trak', 'mdia', 'hdlr'])?.payload.length).toBe(4)
    expect(findBox(moov.subarray(8), ['trak', 'minf'])).toBeNull()
    const reader = new ByteReader([moov.subarray(0, 3), moov.subarray(3)])
    expect(await readBoxHeader(reader, moov.length)).toMatchObject({ type: 'moov', size: moov.length })
  })
})

describe('init segments', () => {
  it('accepts H.264 High with AAC-LC as declared', async () => {
    expect(
      await checkInit(init(trak('vide', avc1(720, 1280)), trak('soun', mp4a(2))), 'avc1.64001f,mp4a.40.2'),
    ).toBe('accepted')
    expect(await checkInit(init(trak('vide', avc1(720, 1280))), 'avc1.64001F')).toBe('accepted')
  })

  it.each([
    ['another profile', init(trak('vide', avc1(720, 1280, 0x42))), 'avc1.64001f'],
    ['another size', init(trak('vide', avc1(720, 1281))), 'avc1.64001f'],
    ['HE-AAC', init(trak('vide', avc1(720, 1280)), trak('soun', mp4a(5))), 'avc1.64001f,mp4a.40.2'],
    ['undeclared audio', init(trak('vide', avc1(720, 1280)), trak('soun', mp4a(2))), 'avc1.64001f'],
    ['missing audio', init(trak('vide', avc1(720, 1280))), 'avc1.64001f,mp4a.40.2'],
    ['HEVC', init(trak('vide', box('hvc1', Buffer.alloc(78)))), 'avc1.64001f'],
    ['a subtitle track', init(trak('vide', avc1(720, 1280)), trak('subt', box('stpp'))), 'avc1.64001f'],
  ])('refuses %s as codec_mismatch', async (_, bytes, codecs) => {
    expect(await checkInit(bytes, codecs)).toMatch(/^codec_mismatch/)
  })

  it.each([
    ['no ftyp first', Buffer.concat([box('moov', box('mvex')), box('ftyp')])],
    ['no moov', box('ftyp')],
    ['media data', Buffer.concat([init(trak('vide', avc1(720, 1280))), box('mdat')])],
    ['no mvex', Buffer.concat([box('ftyp'), box('moov', trak('vide', avc1(720, 1280)))])],
    ['a box overrunning the file', Buffer.concat([box('ftyp'), u32(100), Buffer.from('moov')])],
  ])('refuses %s as init_segment_invalid', async (_, bytes) => {
    expect(await checkInit(bytes, 'avc1.64001f')).toMatch(/^init_segment_invalid/)
  })
})

describe('media segments', () => {
  const moof = box('moof', box('mfhd', Buffer.alloc(8)), box('traf', box('tfhd', Buffer.alloc(8))))
  const check = (bytes: Buffer) =>
    rejection(() => checkMediaSegment(new ByteReader([bytes]), bytes.length, 's'))

  it('accepts what ffmpeg writes and several fragments', async () => {
    expect(await check(Buffer.concat([box('styp'), box('sidx'), moof, box('mdat', Buffer.alloc(50))]))).toBe(
      'accepted',
    )
    expect(await check(Buffer.concat([moof, box('mdat'), box('free'), moof, box('mdat')]))).toBe('accepted')
  })

  it.each([
    ['free before the moof', Buffer.concat([box('free'), moof, box('mdat')])],
    ['an mdat first', Buffer.concat([box('mdat'), moof, box('mdat')])],
    ['a moof without mdat', Buffer.concat([box('styp'), moof])],
    ['a moof followed by another moof', Buffer.concat([moof, moof, box('mdat')])],
    ['no moof', box('styp')],
    ['a moof without traf', Buffer.concat([box('moof', box('mfhd', Buffer.alloc(8))), box('mdat')])],
    ['an mdat cut short', Buffer.concat([moof, u32(100), Buffer.from('mdat')])],
  ])('refuses %s', async (_, bytes) => {
    expect(await check(bytes)).toMatch(/^media_segment_invalid/)
  })
})
