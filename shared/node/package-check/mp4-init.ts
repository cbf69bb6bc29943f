// Checks an fMP4 init segment: top level is ftyp then moov (nothing with media data), the moov is
// fragmented (has mvex: without it players treat the file as a plain MP4 and ignore every moof), and
// its tracks are exactly one H.264 video track (avc1 with an avcC) plus, when declared, one AAC-LC
// track (mp4a whose esds says audio object type 2), with the declared profile/level and picture size.
import { avcCodecString, parseReelCodecs } from '../../reel/codecs'
import type { Rendition } from '../../reel/manifest-schema'
import type { ByteReader } from './byte-reader'
import { BoxError, childBoxes, findBox, readBoxHeader, type Box } from './mp4-boxes'
import { reject } from './reasons'

// ffmpeg's moov for one or two tracks is 1–2 KB; a megabyte leaves room for metadata.
export const MAX_INIT_MOOV_BYTES = 1024 * 1024
const PADDING = new Set(['free', 'skip'])

export interface InitSegmentInfo {
  codecs: string
  width: number
  height: number
  audio: boolean
}

/** Reads the init segment from `reader` (the whole file, `size` bytes) and returns its moov. */
export async function readInitSegment(reader: ByteReader, size: number, path: string): Promise<Buffer> {
  const invalid: (detail: string) => never = (detail) =>
    reject('init_segment_invalid', `${path}: ${detail}`, path)
  let moov: Buffer | null = null
  let first = true
  try {
    while (reader.position < size) {
      const header = await readBoxHeader(reader, size - reader.position)
      const payloadSize = header.size - header.headerSize
      if (first && header.type !== 'ftyp') invalid(`starts with "${header.type}", not ftyp.`)
      first = false
      if (header.type === 'moov') {
        if (moov) invalid('has two moov boxes.')
        if (payloadSize > MAX_INIT_MOOV_BYTES)
          invalid(`its moov is larger than ${MAX_INIT_MOOV_BYTES} bytes.`)
        moov = await reader.read(payloadSize)
        if (moov.length < payloadSize) invalid('its moov is cut short.')
        continue
      }
      if (header.type !== 'ftyp' && !PADDING.has(header.type)) {
        invalid(`holds a "${header.type}" box; an init segment is ftyp + moov only.`)
      }
      if ((await reader.skip(payloadSize)) < payloadSize) invalid(`the "${header.type}" box is cut short.`)
    }
  } catch (error) {
    if (error instanceof BoxError) invalid(`${error.message}.`)
    throw error
  }
  if (first) invalid('is empty.')
  if (!moov) invalid('has no moov box.')
  return moov
}

/** Checks the moov of a rendition's init segment against what the manifest declares for it. */
export function checkInitSegment(moov: Buffer, rendition: Rendition, path: string): InitSegmentInfo {
  const invalid: (detail: string) => never = (detail) =>
    reject('init_segment_invalid', `${path}: ${detail}`, path)
  const mismatch: (detail: string) => never = (detail) => reject('codec_mismatch', `${path}: ${detail}`, path)
  try {
    if (!findBox(moov, ['mvex'])) invalid('its moov has no mvex: it is not a fragmented MP4.')
    let video: InitSegmentInfo | null = null
    let audioTracks = 0
    for (const trak of childBoxes(moov)) {
      if (trak.type !== 'trak') continue
      const handler = handlerType(trak)
      const entry = sampleEntry(trak)
      if (!handler || !entry) invalid('a track has no handler or no sample description.')
      if (handler === 'vide') {
        if (video) mismatch('it has more than one video track.')
        if (entry.type !== 'avc1') mismatch(`its video is "${entry.type}", not avc1 (H.264).`)
        video = readAvc1(entry, invalid)
      } else if (handler === 'soun') {
        audioTracks++
        if (entry.type !== 'mp4a' || audioObjectType(entry) !== 2)
          mismatch('its audio is not AAC-LC (mp4a.40.2).')
      } else {
        mismatch(`it has a "${handler}" track; a reel has one video and at most one audio track.`)
      }
    }
    if (!video) return mismatch('it has no video track.')
    const declared = parseReelCodecs(rendition.codecs)!
    if (audioTracks > 1) mismatch('it has more than one audio track.')
    if (declared.audio && audioTracks === 0)
      mismatch('the manifest declares mp4a.40.2 but there is no audio track.')
    if (!declared.audio && audioTracks === 1) mismatch('it has an audio track the manifest does not declare.')
    if (video.codecs !== avcCodecString(declared.video)) {
      mismatch(`its video is ${video.codecs}, the manifest says ${avcCodecString(declared.video)}.`)
    }
    if (video.width !== rendition.width || video.height !== rendition.height) {
      mismatch(
        `its picture is ${video.width}x${video.height}, the manifest says ${rendition.width}x${rendition.height}.`,
      )
    }
    return { ...video, audio: audioTracks === 1 }
  } catch (error) {
    if (error instanceof BoxError || error instanceof RangeError)
      invalid(`a box is malformed (${error.message}).`)
    throw error
  }
}

function handlerType(trak: Box): string | null {
  const hdlr = findBox(trak.payload, ['mdia', 'hdlr'])
  // hdlr is a full box: version/flags (4), pre_defined (4), then the handler type.
  return hdlr && hdlr.payload.length >= 12 ? hdlr.payload.toString('latin1', 8, 12) : null
}

function sampleEntry(trak: Box): Box | null {
  const stsd = findBox(trak.payload, ['mdia', 'minf', 'stbl', 'stsd'])
  // stsd: version/flags (4), entry_count (4), entries. One entry: a second would switch codecs mid-stream.
  if (!stsd || stsd.payload.length < 8 || stsd.payload.readUInt32BE(4) !== 1) return null
  return childBoxes(stsd.payload, 8).next().value ?? null
}

// VisualSampleEntry: 8 bytes of SampleEntry, 16 reserved, width and height (16 bits each), then 50
// bytes of resolution/frame count/compressor name/depth before the child boxes (avcC, pasp…).
function readAvc1(entry: Box, invalid: (detail: string) => never): InitSegmentInfo {
  const payload = entry.payload
  if (payload.length < 78) invalid('its avc1 sample entry is cut short.')
  const avcC = [...childBoxes(payload, 78)].find((box) => box.type === 'avcC')
  if (!avcC || avcC.payload.length < 4 || avcC.payload[0] !== 1)
    invalid('its avc1 sample entry has no valid avcC.')
  const codecs = avcCodecString({
    profile: avcC!.payload[1]!,
    constraints: avcC!.payload[2]!,
    level: avcC!.payload[3]!,
  })
  return { codecs, width: payload.readUInt16BE(24), height: payload.readUInt16BE(26), audio: false }
}

// AudioSampleEntry: 8 bytes of SampleEntry, then a version (QuickTime-style entries grow by 16 or
// 36 bytes for versions 1 and 2), channels, sample size, and the rate, 28 bytes in all for version 0.
function audioObjectType(entry: Box): number | null {
  const version = entry.payload.length >= 10 ? entry.payload.readUInt16BE(8) : -1
  const childrenAt = version === 0 ? 28 : version === 1 ? 44 : version === 2 ? 64 : -1
  if (childrenAt < 0 || entry.payload.length < childrenAt) return null
  const esds = [...childBoxes(entry.payload, childrenAt)].find((box) => box.type === 'esds')
  return esds ? objectTypeFromEsds(esds.payload.subarray(4)) : null
}

// esds holds MPEG-4 descriptors: ES_Descriptor (tag 3) > DecoderConfigDescriptor (tag 4, object
// type 0x40 = MPEG-4 audio) > DecoderSpecificInfo (tag 5) whose first 5 bits are the audio object type.
function objectTypeFromEsds(bytes: Buffer): number | null {
  let offset = 0
  const descriptor = (tag: number): boolean => {
    if (bytes[offset] !== tag) return false
    offset++
    // The length is 1–4 bytes of 7 bits each, the top bit saying "more follow".
    for (let i = 0; i < 4 && offset < bytes.length; i++) if ((bytes[offset++]! & 0x80) === 0) break
    return offset < bytes.length
  }
  if (!descriptor(3)) return null
  const flags = bytes[offset + 2] ?? 0
  offset += 3
  if (flags & 0x80) offset += 2
  if (flags & 0x40) offset += 1 + (bytes[offset] ?? 0)
  if (flags & 0x20) offset += 2
  if (!descriptor(4) || bytes[offset] !== 0x40) return null
  offset += 13
  if (!descriptor(5)) return null
  const first = bytes[offset]!
  const type = first >> 3
  if (type !== 31) return type
  const second = bytes[offset + 1]
  return second === undefined ? null : 32 + (((first & 0x07) << 3) | (second >> 5))
}
