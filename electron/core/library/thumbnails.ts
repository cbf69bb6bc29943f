// Stores the poster strip the renderer made (it has the video decoder; the core has no ffmpeg):
// base64 JPEGs checked to really be JPEGs, written into a fresh folder and swapped in, so a
// reader never sees half of an old strip and half of a new one.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RpcError } from '../../../shared/rpc/envelope'
import { itemDir, thumbnailFile } from './library-folder'

const JPEG_MAGIC = [0xff, 0xd8, 0xff]

export async function writeThumbnails(
  library: string,
  id: string,
  images: readonly string[],
): Promise<number> {
  const jpegs = images.map((image, index) => {
    const bytes = Buffer.from(image, 'base64')
    if (!JPEG_MAGIC.every((byte, i) => bytes[i] === byte)) {
      throw new RpcError('invalid_params', `Thumbnail ${index + 1} is not a JPEG image`)
    }
    return bytes
  })
  const dir = itemDir(library, id)
  const fresh = join(dir, `thumbs.${randomBytes(4).toString('hex')}.tmp`)
  const old = join(dir, `thumbs.${randomBytes(4).toString('hex')}.old`)
  try {
    await mkdir(fresh)
    await Promise.all(
      jpegs.map((bytes, index) =>
        writeFile(join(fresh, thumbnailFile(index).slice('thumbs/'.length)), bytes),
      ),
    )
    await rename(join(dir, 'thumbs'), old).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    await rename(fresh, join(dir, 'thumbs'))
  } finally {
    await rm(fresh, { recursive: true, force: true })
    await rm(old, { recursive: true, force: true })
  }
  return jpegs.length
}
