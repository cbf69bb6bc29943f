// The identity of a reel package for tus resumption: the server, the reel and the package's bytes
// (sha256), never the file name or mtime — a rebuilt package of the same reel is a new upload, and
// the same package resumes whatever happened to the file's timestamps.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return { sha256: hash.digest('hex'), size: (await stat(path)).size }
}

export function uploadFingerprint(serverUrl: string, reelId: string, sha256: string): string {
  return `spool:${serverUrl}:${reelId}:${sha256}`
}
