// Imports a replacement sound for a draft (Sound → Replace), the same way videos come in: free
// space first, stream-copy into a `.import-*` temp folder while hashing, probe, then move it into
// the item's folder as sound/<sha256>.<ext>. Named by content, so an undo back to an earlier sound
// still finds its file, and the same file twice is stored once. Whatever fails leaves nothing.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { SoundFile } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { ensureFreeSpace, type FreeBytes } from './disk-space'
import { asImportError, cleanFileName, copyHashed, type ImportSource } from './import-file'
import { itemDir, TEMP_PREFIX } from './library-folder'
import { probeAudio } from './probe-audio'
import type { ReelStore } from './reel-store'

export interface SoundImportDeps {
  library: string
  store: Pick<ReelStore, 'get'>
  freeBytes: FreeBytes
}

export const soundDir = (library: string, reelId: string) => join(itemDir(library, reelId), 'sound')

export async function importSound(
  deps: SoundImportDeps,
  reelId: string,
  source: ImportSource,
): Promise<SoundFile> {
  const name = cleanFileName(source.fileName)
  if (!deps.store.get(reelId)) throw new RpcError('not_found', 'This video is no longer in the library')
  // In the library's top folder, so the start-up sweep removes it after a crash.
  const temp = join(deps.library, `${TEMP_PREFIX}sound-${randomBytes(6).toString('hex')}`)
  try {
    if (source.bytesTotal <= 0) throw new RpcError('unsupported_media', `"${name}" is empty.`)
    await ensureFreeSpace(deps.freeBytes, deps.library, source.bytesTotal, 'import this sound')
    await mkdir(temp, { recursive: true })
    const part = join(temp, 'sound.part')
    const sha256 = await copyHashed(source, name, part)
    const { durationMs, codec, extension } = await probeAudio(part)
    source.signal?.throwIfAborted()
    const file = `${sha256}.${extension}`
    await mkdir(soundDir(deps.library, reelId), { recursive: true })
    await rename(part, join(soundDir(deps.library, reelId), file))
    return { file, name, durationMs, codec }
  } catch (error) {
    throw asImportError(error, name)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}
