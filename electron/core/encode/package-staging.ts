// Where an encode's files land before they become a package: <library>/<id>/package/<path>. The
// encoder sends them one by one (the bridge's PUT /library/<id>/package/<path>); the core writes
// manifest.json itself, so it never takes one from the encoder.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import {
  MANIFEST_PATH,
  MASTER_PLAYLIST_PATH,
  POSTER_PATH,
  RENDITION_NAME,
  isSafePackagePath,
} from '../../../shared/reel/package-paths'
import { RpcError } from '../../../shared/rpc/envelope'
import { itemDir } from '../library/library-folder'

/** The server's default total package limit: no single file of a valid package can be larger. */
export const MAX_PACKAGE_BYTES = 250_000_000

export function stagingDir(library: string, id: string): string {
  return join(itemDir(library, id), 'package')
}

export function packageTarPath(library: string, id: string): string {
  return join(itemDir(library, id), 'package.tar')
}

/** A path the encoder may send: the contract's safe paths, minus the manifest the core writes. */
export function isStageablePath(path: string): boolean {
  if (!isSafePackagePath(path) || path === MANIFEST_PATH) return false
  const [folder, name] = path.split('/')
  if (name === undefined) return path === MASTER_PLAYLIST_PATH || path === POSTER_PATH
  return RENDITION_NAME.test(folder!)
}

/** Streams one file into the staging folder; written aside and renamed so a cut-off PUT leaves nothing. */
export async function writeStagedFile(
  dir: string,
  path: string,
  stream: Readable,
  maxBytes = MAX_PACKAGE_BYTES,
): Promise<number> {
  if (!isStageablePath(path)) throw new RpcError('invalid_params', `"${path}" has no place in a reel package`)
  const target = join(dir, ...path.split('/'))
  const partial = `${target}.partial`
  await mkdir(join(target, '..'), { recursive: true })
  let bytes = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      if (bytes > maxBytes)
        callback(new RpcError('invalid_params', `"${path}" is larger than a package may be`))
      else callback(null, chunk)
    },
  })
  try {
    await pipeline(stream, limit, createWriteStream(partial))
    await rename(partial, target)
    return bytes
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}

/** Every staged file as a package path (`720p/init.mp4`), leftovers of cut-off writes aside. */
export async function listStagedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.partial'))
    .map((entry) => {
      const folder = entry.parentPath.slice(dir.length + 1)
      return folder ? `${folder.split(/[\\/]/).join('/')}/${entry.name}` : entry.name
    })
}
