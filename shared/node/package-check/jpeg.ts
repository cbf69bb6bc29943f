// Checks that the poster is a JPEG a browser can decode, reading its marker segments as it streams:
// SOI first, quantisation tables and exactly one baseline/extended/progressive 8-bit frame header
// (SOF0–SOF2, the ones browsers decode; arithmetic, lossless and 12-bit JPEGs fail in most) before
// the first scan, and EOI as the last two bytes (checked by the caller, which sees the file's end).
import type { ByteReader } from './byte-reader'
import { reject } from './reasons'

export interface JpegInfo {
  width: number
  height: number
}

const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda
const DQT = 0xdb
const DECODABLE_FRAMES = new Set([0xc0, 0xc1, 0xc2])
// Every other SOFn: C3, C5–C7, C9–CB, CD–CF (C4, C8, CC are DHT, JPG and DAC).
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

export async function readJpegHeader(reader: ByteReader, path: string): Promise<JpegInfo> {
  const invalid: (detail: string) => never = (detail) => reject('poster_invalid', `${path}: ${detail}`, path)
  const soi = await reader.read(2)
  if (soi.length < 2 || soi[0] !== 0xff || soi[1] !== SOI)
    invalid('it does not start with a JPEG SOI marker.')
  let frame: JpegInfo | null = null
  let tables = false
  for (;;) {
    const start = await reader.read(1)
    if (start.length === 0) invalid('it ends before its first scan.')
    if (start[0] !== 0xff) invalid('a marker is missing where one must be.')
    let marker = 0xff
    // Any number of 0xFF fill bytes may precede a marker code.
    while (marker === 0xff) {
      const next = await reader.read(1)
      if (next.length === 0) invalid('it ends inside a marker.')
      marker = next[0]!
    }
    if (
      marker === SOI ||
      marker === EOI ||
      marker === 0x00 ||
      (marker >= 0xd0 && marker <= 0xd7) ||
      marker === 0x01
    ) {
      invalid(`it has a stray marker 0xFF${marker.toString(16).toUpperCase()} before its first scan.`)
    }
    const lengthBytes = await reader.read(2)
    const length = lengthBytes.length === 2 ? lengthBytes.readUInt16BE(0) : 0
    if (length < 2) invalid('a marker segment has a bad length.')
    const payloadLength = length - 2
    if (DECODABLE_FRAMES.has(marker)) {
      if (frame) invalid('it has two frame headers.')
      const payload = await reader.read(payloadLength)
      frame = parseFrameHeader(payload, invalid)
      continue
    }
    if (OTHER_FRAMES.has(marker))
      invalid('it is a lossless, hierarchical or arithmetic-coded JPEG browsers cannot decode.')
    if (marker === DQT) tables = true
    if (marker === SOS) {
      if (!frame || !tables) invalid('its scan comes before its frame header or quantisation tables.')
      return frame!
    }
    if ((await reader.skip(payloadLength)) < payloadLength) invalid('it ends inside a marker segment.')
  }
}

// SOFn: precision (1), height (2), width (2), component count (1), then 3 bytes per component.
function parseFrameHeader(payload: Buffer, invalid: (detail: string) => never): JpegInfo {
  if (payload.length < 6) invalid('its frame header is cut short.')
  const precision = payload[0]!
  const height = payload.readUInt16BE(1)
  const width = payload.readUInt16BE(3)
  const components = payload[5]!
  if (precision !== 8) invalid(`it has ${precision}-bit samples; browsers decode 8-bit JPEGs.`)
  // A height of 0 defers it to a DNL marker after the scan, which browsers do not support.
  if (width === 0 || height === 0) invalid('its frame header has no picture size.')
  if (![1, 3, 4].includes(components) || payload.length < 6 + 3 * components) {
    invalid('its frame header has a bad component list.')
  }
  return { width, height }
}
