// A minimal ISO BMFF (MP4) box reader: enough to walk the boxes of an fMP4 init segment and of
// media segments. Traps: size 1 means a 64-bit "largesize" follows the type; size 0 means "to the
// end of the enclosing space"; a `uuid` box carries 16 more header bytes; and a size smaller than
// its own header, or running past its parent, is how malformed (or hostile) files loop parsers.
import type { ByteReader } from './byte-reader'

export interface BoxHeader {
  type: string
  /** Bytes of the whole box, header included. */
  size: number
  headerSize: number
}

export interface Box extends BoxHeader {
  /** Offset of the box in the buffer it was read from. */
  start: number
  payload: Buffer
}

export class BoxError extends Error {}

function boxType(bytes: Buffer, offset: number): string {
  return bytes.toString('latin1', offset, offset + 4)
}

/**
 * Decodes the box header at `offset`, given the bytes available there (`bytes` may hold only the
 * header). `room` is how many bytes the box may span (to the end of its parent or file).
 */
export function decodeBoxHeader(bytes: Buffer, offset: number, room: number): BoxHeader {
  if (room < 8 || bytes.length - offset < 8) throw new BoxError('a box header is cut short')
  const size32 = bytes.readUInt32BE(offset)
  const type = boxType(bytes, offset + 4)
  let headerSize = 8
  let size = size32
  if (size32 === 1) {
    if (room < 16 || bytes.length - offset < 16) throw new BoxError(`the "${type}" box header is cut short`)
    const large = bytes.readBigUInt64BE(offset + 8)
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw new BoxError(`the "${type}" box is impossibly large`)
    size = Number(large)
    headerSize = 16
  } else if (size32 === 0) {
    size = room
  }
  if (type === 'uuid') headerSize += 16
  if (size < headerSize) throw new BoxError(`the "${type}" box is smaller than its header`)
  if (size > room) throw new BoxError(`the "${type}" box runs past the end of its parent`)
  return { type, size, headerSize }
}

/** The boxes directly inside `bytes[start, end)`. */
export function* childBoxes(bytes: Buffer, start = 0, end = bytes.length): Generator<Box> {
  let offset = start
  while (offset < end) {
    const header = decodeBoxHeader(bytes, offset, end - offset)
    yield {
      ...header,
      start: offset,
      payload: bytes.subarray(offset + header.headerSize, offset + header.size),
    }
    offset += header.size
  }
}

/** The first box of each type along `path` (e.g. ['mdia', 'minf', 'stbl']), or null. */
export function findBox(payload: Buffer, path: readonly string[]): Box | null {
  let current: Box | null = null
  let inside = payload
  for (const type of path) {
    current = null
    for (const box of childBoxes(inside)) {
      if (box.type === type) {
        current = box
        break
      }
    }
    if (!current) return null
    inside = current.payload
  }
  return current
}

export function findBoxes(payload: Buffer, type: string): Box[] {
  return [...childBoxes(payload)].filter((box) => box.type === type)
}

/** Reads the next top-level box header from a stream; `room` is what is left of the file. */
export async function readBoxHeader(reader: ByteReader, room: number): Promise<BoxHeader> {
  const head = await reader.read(8)
  let bytes = head
  if (head.length === 8 && head.readUInt32BE(0) === 1) bytes = Buffer.concat([head, await reader.read(8)])
  if (bytes.length >= 8 && boxType(bytes, 4) === 'uuid') bytes = Buffer.concat([bytes, await reader.read(16)])
  const header = decodeBoxHeader(bytes, 0, room)
  if (bytes.length < header.headerSize) throw new BoxError(`the "${header.type}" box header is cut short`)
  return header
}
