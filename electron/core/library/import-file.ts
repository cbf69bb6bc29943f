// The import pipeline, the same for a path (Electron dialog or drop) and for a request body (the
// browser bridge's PUT /import): check free space, stream-copy into a temp folder in the library
// while hashing, probe, then rename the folder into place and insert the row. Whatever fails —
// space, a cut-off stream, a file that is not a video, a cancel — removes everything written.
//
// Importing the same file twice is allowed and makes two drafts: creators cut several reels from
// one clip. The sha256 is stored, so a later "you already imported this" hint is one query away.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createWriteStream } from 'node:fs'
import { ulid } from 'ulid'
import type { ImportProgress, LibraryItem } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import type { CoreEvents } from '../core-events'
import { ensureFreeSpace, type FreeBytes } from './disk-space'
import { itemDir, TEMP_PREFIX } from './library-folder'
import { probeVideo } from './probe'
import type { ReelStore } from './reel-store'

/** Progress events at most this often, so a fast disk does not flood the bridge. */
const PROGRESS_INTERVAL_MS = 100

export interface ImportDeps {
  library: string
  store: ReelStore
  events: CoreEvents
  freeBytes: FreeBytes
}

export interface ImportSource {
  /** The name the person knows the file by; shown until a caption is written. */
  fileName: string
  bytesTotal: number
  open(): Readable
  importId?: string
  signal?: AbortSignal
}

/** Keeps a display name: no folders, no control characters, not absurdly long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255)
  return cleaned || 'video'
}

export function newImportId(): string {
  return randomBytes(9).toString('base64url')
}

export async function importVideo(deps: ImportDeps, source: ImportSource): Promise<LibraryItem> {
  const { library, store, events } = deps
  const importId = source.importId ?? newImportId()
  const fileName = cleanFileName(source.fileName)
  const progress = (update: Omit<ImportProgress, 'importId' | 'fileName' | 'bytesTotal'>) =>
    events.emit('library.importProgress', { importId, fileName, bytesTotal: source.bytesTotal, ...update })

  const temp = join(library, `${TEMP_PREFIX}${importId}-${randomBytes(4).toString('hex')}`)
  let bytesDone = 0
  try {
    if (source.bytesTotal <= 0) throw new RpcError('unsupported_media', `"${fileName}" is empty.`)
    await mkdir(library, { recursive: true })
    await ensureFreeSpace(deps.freeBytes, library, source.bytesTotal)
    await mkdir(temp)

    progress({ bytesDone: 0, phase: 'copying' })
    let lastEmit = Date.now()
    const partFile = join(temp, 'source.part')
    const sha256 = await copyHashed(source, fileName, partFile, (bytes) => {
      bytesDone = bytes
      if (Date.now() - lastEmit >= PROGRESS_INTERVAL_MS) {
        lastEmit = Date.now()
        progress({ bytesDone, phase: 'copying' })
      }
    })

    progress({ bytesDone, phase: 'probing' })
    const { probe, extension } = await probeVideo(partFile)
    source.signal?.throwIfAborted()

    const id = ulid()
    const sourcePath = `${id}/source.${extension}`
    await rename(partFile, join(temp, `source.${extension}`))
    await rename(temp, itemDir(library, id))
    let item: LibraryItem
    try {
      item = store.insert({
        id,
        sourceName: fileName,
        sourcePath,
        sha256,
        sizeBytes: bytesDone,
        probe,
      })
    } catch (error) {
      await rm(itemDir(library, id), { recursive: true, force: true })
      throw error
    }
    progress({ bytesDone, phase: 'done', itemId: id })
    events.emit('library.changed', { id, change: 'added' })
    return item
  } catch (raw) {
    await rm(temp, { recursive: true, force: true })
    const error = asImportError(raw, fileName)
    progress({ bytesDone, phase: 'failed', error: error.message })
    throw error
  }
}

/**
 * Streams the source into `file` while hashing it; refuses a stream longer or shorter than
 * announced (a cut-off upload). Returns the sha256 in hex.
 */
export async function copyHashed(
  source: ImportSource,
  fileName: string,
  file: string,
  onBytes: (bytesDone: number) => void = () => {},
): Promise<string> {
  const hash = createHash('sha256')
  let bytesDone = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesDone += chunk.byteLength
      if (bytesDone > source.bytesTotal) {
        return done(new RpcError('bad_request', `"${fileName}" is larger than announced.`))
      }
      hash.update(chunk)
      onBytes(bytesDone)
      done(null, chunk)
    },
  })
  await pipeline(source.open(), meter, createWriteStream(file), { signal: source.signal })
  if (bytesDone !== source.bytesTotal) {
    throw new RpcError(
      'bad_request',
      `The copy of "${fileName}" stopped after ${bytesDone} of ${source.bytesTotal} bytes. Try again.`,
    )
  }
  return hash.digest('hex')
}

/** Opens a file the person picked or dropped in Electron as an import source; the original is only read. */
export async function pathSource(path: string): Promise<ImportSource> {
  const fileName = cleanFileName(basename(path))
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) {
    throw new RpcError(
      'not_found',
      `"${fileName}" could not be opened: it was moved, deleted or is not a file.`,
    )
  }
  return { fileName, bytesTotal: info.size, open: () => createReadStream(path) }
}

/** Imports a file the person picked or dropped in Electron; the original is only read. */
export async function importPath(
  deps: ImportDeps,
  path: string,
  options: { importId?: string; signal?: AbortSignal } = {},
): Promise<LibraryItem> {
  return importVideo(deps, { ...(await pathSource(path)), ...options })
}

export function asImportError(error: unknown, fileName: string): RpcError {
  if (error instanceof RpcError) return error
  if (error instanceof Error && error.name === 'AbortError') {
    return new RpcError('cancelled', `Import of "${fileName}" was cancelled.`)
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET') {
    return new RpcError('bad_request', `The upload of "${fileName}" was interrupted. Try again.`)
  }
  if (code === 'ENOSPC') {
    return new RpcError(
      'insufficient_storage',
      `The disk filled up while importing "${fileName}". Free up some space and try again.`,
    )
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new RpcError('not_found', `Spool is not allowed to read "${fileName}".`)
  }
  return new RpcError(
    'internal',
    `Importing "${fileName}" failed: ${error instanceof Error ? error.message : String(error)}`,
  )
}
