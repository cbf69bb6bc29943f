// Reads the H.264 codec string (`avc1.PPCCLL`) and picture size from an fMP4 init segment, in plain
// TypeScript on a Uint8Array so the studio's encoder (a browser) can derive the master playlist's
// CODECS from what x264 really wrote rather than from what it was asked for. The server's check
// (shared/node/package-check/mp4-init.ts) reads the same boxes with Node's Buffer and judges them.
import { avcCodecString } from './codecs'

export interface AvcInitInfo {
  codecs: string
  width: number
  height: number
  /** True when the init segment also has an AAC track (mp4a). */
  audio: boolean
}

interface Span {
  type: string
  start: number
  end: number
}

function* boxes(bytes: Uint8Array, start: number, end: number): Generator<Span> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = start
  while (offset + 8 <= end) {
    let size = view.getUint32(offset)
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8))
    let header = 8
    // 64-bit sizes never occur in an init segment of a few KB; 0 means "to the end".
    if (size === 1) return
    if (size === 0) size = end - offset
    if (size < header || offset + size > end) return
    if (type === 'uuid') header += 16
    yield { type, start: offset + header, end: offset + size }
    offset += size
  }
}

function child(bytes: Uint8Array, parent: Span, type: string, skip = 0): Span | undefined {
  for (const box of boxes(bytes, parent.start + skip, parent.end)) if (box.type === type) return box
  return undefined
}

/** Null when the bytes hold no moov with an avc1/avcC video track. */
export function readAvcInit(bytes: Uint8Array): AvcInitInfo | null {
  const file: Span = { type: '', start: 0, end: bytes.length }
  const moov = child(bytes, file, 'moov')
  if (!moov) return null
  let video: Omit<AvcInitInfo, 'audio'> | null = null
  let audio = false
  for (const trak of boxes(bytes, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue
    const stbl = ['mdia', 'minf', 'stbl'].reduce<Span | undefined>(
      (box, type) => (box ? child(bytes, box, type) : undefined),
      trak,
    )
    const stsd = stbl && child(bytes, stbl, 'stsd')
    // stsd: version/flags and entry count (8 bytes) before the sample entries.
    const entry = stsd && boxes(bytes, stsd.start + 8, stsd.end).next().value
    if (!entry) continue
    if (entry.type === 'mp4a') audio = true
    if (entry.type !== 'avc1') continue
    // VisualSampleEntry: 24 bytes, then width and height, then 50 more before its child boxes.
    const view = new DataView(bytes.buffer, bytes.byteOffset + entry.start, entry.end - entry.start)
    const avcC = child(bytes, entry, 'avcC', 78)
    if (!avcC || avcC.end - avcC.start < 4) return null
    video = {
      codecs: avcCodecString({
        profile: bytes[avcC.start + 1]!,
        constraints: bytes[avcC.start + 2]!,
        level: bytes[avcC.start + 3]!,
      }),
      width: view.getUint16(24),
      height: view.getUint16(26),
    }
  }
  return video ? { ...video, audio } : null
}
