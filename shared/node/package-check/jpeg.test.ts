import { expect, it } from 'vitest'
import { ByteReader } from './byte-reader'
import { readJpegHeader } from './jpeg'
import { PackageRejection } from './reasons'

const segment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload])
const sof = (marker: number, width: number, height: number, precision = 8) =>
  segment(marker, Buffer.from([precision, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]))
const SOI = Buffer.from([0xff, 0xd8])
const app0 = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'))
const dqt = segment(0xdb, Buffer.alloc(65))
const sos = segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]))

async function read(...parts: Buffer[]) {
  const bytes = Buffer.concat(parts)
  try {
    // One byte per chunk: the parser must not care how the stream is cut.
    return await readJpegHeader(new ByteReader([...bytes].map((byte) => Buffer.from([byte]))), 'p.jpg')
  } catch (error) {
    if (error instanceof PackageRejection) return error.reason
    throw error
  }
}

it('reads the picture size of baseline and progressive JPEGs', async () => {
  expect(await read(SOI, app0, dqt, sof(0xc0, 720, 1280), sos)).toEqual({ width: 720, height: 1280 })
  expect(await read(SOI, dqt, Buffer.from([0xff]), sof(0xc2, 360, 640), sos)).toEqual({
    width: 360,
    height: 640,
  })
})

it.each([
  ['not a JPEG', [Buffer.from('PNG')]],
  ['no frame header', [SOI, app0, dqt, sos]],
  ['no quantisation tables', [SOI, sof(0xc0, 1, 1), sos]],
  ['a lossless frame', [SOI, dqt, sof(0xc3, 1, 1), sos]],
  ['12-bit samples', [SOI, dqt, sof(0xc1, 1, 1, 12), sos]],
  ['a zero height', [SOI, dqt, sof(0xc0, 1, 0), sos]],
  ['two frames', [SOI, dqt, sof(0xc0, 1, 1), sof(0xc0, 1, 1), sos]],
  ['a cut', [SOI, app0.subarray(0, 6)]],
  ['EOI before any scan', [SOI, Buffer.from([0xff, 0xd9])]],
])('refuses %s', async (_, parts) => {
  expect(await read(...parts)).toBe('poster_invalid')
})
