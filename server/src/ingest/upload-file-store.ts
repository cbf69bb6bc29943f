// @tus/file-store's FileStore with a leaner write path; everything else (creation, info files,
// offsets from the file's size, expiry, termination) is the library's own. Its write() pipes the
// body through a counting Transform into an fs.WriteStream with the default 16 KB buffer, so
// every 64 KB socket chunk waited for its own write before the next was read. Here the chunks go
// straight into a WriteStream with a larger buffer (queued chunks leave in one writev) and the
// count is the stream's own bytesWritten. Same guarantees: bytes land in order at the upload's
// offset, and the new offset is only what was written — after a crash the file's size is the
// offset, as before.
import { FileStore } from '@tus/file-store'
import { ERRORS } from '@tus/server'
import { createWriteStream } from 'node:fs'
import { join, relative, isAbsolute } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

const WRITE_BUFFER_BYTES = 1024 * 1024

export class UploadFileStore extends FileStore {
  override async write(readable: Readable, fileId: string, offset: number): Promise<number> {
    const path = join(this.directory, fileId)
    // The same containment check FileStore makes before it touches a file.
    const inside = relative(this.directory, path)
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) throw ERRORS.FILE_NOT_FOUND
    const file = createWriteStream(path, { flags: 'r+', start: offset, highWaterMark: WRITE_BUFFER_BYTES })
    try {
      await pipeline(readable, file)
    } catch {
      throw ERRORS.FILE_WRITE_ERROR
    }
    return offset + file.bytesWritten
  }
}
