// Reads a byte range of a file into one buffer with a single open/read/close. HLS segments are
// small (tens to hundreds of KB): for them a read stream's 64 KB reads, each a round trip through
// libuv's thread pool, plus pipeline()'s per-request listeners and abort plumbing, cost more than
// the bytes (media-route.ts says what was measured).
import { close, open, read } from 'node:fs'

function readAll(fd: number, buffer: Buffer, position: number, done: (error: Error | null) => void): void {
  let filled = 0
  const next = (): void =>
    read(fd, buffer, filled, buffer.length - filled, position + filled, (error, bytesRead) => {
      if (error) return done(error)
      // The database recorded the size at publish; a shorter file means it changed under us.
      if (bytesRead === 0) return done(new Error('media file is shorter than recorded'))
      filled += bytesRead
      if (filled < buffer.length) next()
      else done(null)
    })
  next()
}

/** `length` bytes from `position` (the callback API: no FileHandle objects or extra promises per call). */
export function readPart(path: string, position: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError)
      const buffer = Buffer.allocUnsafe(length)
      readAll(fd, buffer, position, (readError) => {
        close(fd, (closeError) => {
          const error = readError ?? closeError
          if (error) reject(error)
          else resolve(buffer)
        })
      })
    })
  })
}
