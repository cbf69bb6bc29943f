// The lean write path keeps FileStore's contract: bytes at the upload's offset, the new offset
// returned, the offset read back from disk matches, and no write outside the uploads directory.
import { ERRORS, Upload } from '@tus/server'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { UploadFileStore } from './upload-file-store'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function chunksOf(data: Buffer, size: number): Readable {
  const pieces: Buffer[] = []
  for (let i = 0; i < data.length; i += size) pieces.push(data.subarray(i, i + size))
  return Readable.from(pieces)
}

describe('UploadFileStore', () => {
  it('writes PATCH after PATCH at the offset and reports the offset FileStore would read back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-upload-store-'))
    const store = new UploadFileStore({ directory: dir })
    const data = Buffer.alloc(5 * 1024 * 1024 + 123)
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 253
    await store.create(new Upload({ id: 'abc', size: data.length, offset: 0 }))

    const first = await store.write(chunksOf(data.subarray(0, 3_000_001), 65536), 'abc', 0)
    expect(first).toBe(3_000_001)
    // A new store, as after a restart: the offset comes from the file on disk.
    const reopened = new UploadFileStore({ directory: dir })
    expect((await reopened.getUpload('abc')).offset).toBe(first)
    const second = await reopened.write(chunksOf(data.subarray(first), 65536), 'abc', first)
    expect(second).toBe(data.length)
    expect(readFileSync(join(dir, 'abc')).equals(data)).toBe(true)
  })

  it('refuses an id that points outside its directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-upload-store-'))
    const store = new UploadFileStore({ directory: join(dir, 'uploads') })
    await expect(store.write(Readable.from([Buffer.from('x')]), '../escape', 0)).rejects.toBe(
      ERRORS.FILE_NOT_FOUND,
    )
  })

  it('fails like FileStore when the body fails', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-upload-store-'))
    const store = new UploadFileStore({ directory: dir })
    await store.create(new Upload({ id: 'abc', size: 10, offset: 0 }))
    const broken = new Readable({
      read() {
        this.destroy(new Error('socket gone'))
      },
    })
    await expect(store.write(broken, 'abc', 0)).rejects.toBe(ERRORS.FILE_WRITE_ERROR)
  })
})
