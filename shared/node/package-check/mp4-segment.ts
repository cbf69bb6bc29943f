// Checks an fMP4 media segment while it streams past: before the first moof only styp, sidx, prft
// or emsg may appear (REEL-PACKAGE.md); every moof is followed by its mdat, and every mdat follows a
// moof. Only box headers and the small moof boxes are read; mdat payloads are skipped, never held.
import type { ByteReader } from './byte-reader'
import { BoxError, childBoxes, findBox, readBoxHeader } from './mp4-boxes'
import { reject } from './reasons'

const BEFORE_FIRST_MOOF = new Set(['styp', 'sidx', 'prft', 'emsg'])
// Between fragments a segment may also carry padding.
const BETWEEN_FRAGMENTS = new Set([...BEFORE_FIRST_MOOF, 'free', 'skip'])
// A 2-second fragment's moof is a few KB (one trun entry per sample).
export const MAX_MOOF_BYTES = 1024 * 1024

export async function checkMediaSegment(reader: ByteReader, size: number, path: string): Promise<void> {
  const invalid: (detail: string) => never = (detail) =>
    reject('media_segment_invalid', `${path}: ${detail}`, path)
  let fragments = 0
  let awaitingMdat = false
  try {
    while (reader.position < size) {
      const header = await readBoxHeader(reader, size - reader.position)
      const payloadSize = header.size - header.headerSize
      if (awaitingMdat) {
        if (header.type !== 'mdat') invalid(`its moof is followed by "${header.type}", not mdat.`)
        awaitingMdat = false
      } else if (header.type === 'moof') {
        if (payloadSize > MAX_MOOF_BYTES) invalid(`a moof is larger than ${MAX_MOOF_BYTES} bytes.`)
        const moof = await reader.read(payloadSize)
        if (moof.length < payloadSize) invalid('a moof is cut short.')
        checkMoof(moof, invalid)
        fragments++
        awaitingMdat = true
        continue
      } else if (header.type === 'mdat') {
        invalid('an mdat comes without a moof before it.')
      } else if (!(fragments === 0 ? BEFORE_FIRST_MOOF : BETWEEN_FRAGMENTS).has(header.type)) {
        invalid(
          `a "${header.type}" box comes ${fragments === 0 ? 'before the first moof' : 'between fragments'}.`,
        )
      }
      if ((await reader.skip(payloadSize)) < payloadSize) invalid(`the "${header.type}" box is cut short.`)
    }
  } catch (error) {
    if (error instanceof BoxError) invalid(`${error.message}.`)
    throw error
  }
  if (fragments === 0) invalid('has no moof.')
  if (awaitingMdat) invalid('ends with a moof that has no mdat.')
}

function checkMoof(moof: Buffer, invalid: (detail: string) => never): void {
  if (!findBox(moof, ['mfhd'])) invalid('a moof has no mfhd.')
  const trafs = [...childBoxes(moof)].filter((box) => box.type === 'traf')
  if (trafs.length === 0) invalid('a moof has no traf.')
  for (const traf of trafs) if (!findBox(traf.payload, ['tfhd'])) invalid('a traf has no tfhd.')
}
