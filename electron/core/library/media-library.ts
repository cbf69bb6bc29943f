// The media library as one object: the table, the folder on disk and the running imports. The RPC
// domain and the browser bridge's HTTP routes both go through it, so they cannot disagree.
import type Database from 'better-sqlite3'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { soundFileNameSchema, type LibraryItem, type ReelStatus } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import type { CoreEvents } from '../core-events'
import { freeBytesOnDisk, type FreeBytes } from './disk-space'
import { importPath, importVideo, newImportId, pathSource, type ImportDeps } from './import-file'
import { importSound, soundDir } from './import-sound'
import { itemDir, libraryDir, sweepLibrary, thumbnailFile } from './library-folder'
import { createReelStore } from './reel-store'
import { writeThumbnails } from './thumbnails'

/** Statuses whose files another job is reading; deleting under it would break that job. */
const BUSY: ReadonlySet<ReelStatus> = new Set(['encoding', 'uploading'])

export interface MediaLibraryOptions {
  db: Database.Database
  events: CoreEvents
  dataDir: string
  freeBytes?: FreeBytes
  log?: { warn(obj: unknown, msg?: string): void }
}

export function createMediaLibrary(options: MediaLibraryOptions) {
  const { db, events, log = console } = options
  const store = createReelStore(db)
  const library = libraryDir(options.dataDir)
  const deps: ImportDeps = { library, store, events, freeBytes: options.freeBytes ?? freeBytesOnDisk }
  const running = new Map<string, AbortController>()

  const swept = sweepLibrary(library, store.ids())
  if (swept.length > 0) log.warn({ swept }, 'removed leftovers of interrupted imports')

  async function track<T>(importId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (running.has(importId)) throw new RpcError('conflict', 'An import with this id is already running')
    const controller = new AbortController()
    running.set(importId, controller)
    try {
      return await run(controller.signal)
    } finally {
      running.delete(importId)
    }
  }

  function need(id: string): LibraryItem {
    const item = store.get(id)
    if (!item) throw new RpcError('not_found', 'This video is no longer in the library')
    return item
  }

  return {
    dir: library,
    list: (filter: { query?: string; status?: ReelStatus }) => store.list(filter),
    get: need,

    importPath(path: string, importId = newImportId()): Promise<LibraryItem> {
      return track(importId, (signal) => importPath(deps, path, { importId, signal }))
    },

    /** The browser bridge's PUT /import: the request body is the file. */
    importStream(input: { stream: Readable; fileName: string; bytesTotal: number; importId?: string }) {
      const importId = input.importId ?? newImportId()
      return track(importId, (signal) =>
        importVideo(deps, { ...input, importId, signal, open: () => input.stream }),
      )
    },

    /** Sound → Replace in Electron: a path from the native dialog. */
    async importSoundPath(id: string, path: string) {
      return importSound(deps, id, await pathSource(path))
    },

    /** Sound → Replace in the browser studio: the bridge's PUT /library/<id>/sound body. */
    importSoundStream(id: string, input: { stream: Readable; fileName: string; bytesTotal: number }) {
      return importSound(deps, id, { ...input, open: () => input.stream })
    },

    cancelImport(importId: string): boolean {
      const controller = running.get(importId)
      controller?.abort()
      return !!controller
    },

    async delete(id: string): Promise<void> {
      const item = need(id)
      if (BUSY.has(item.status)) {
        throw new RpcError(
          'conflict',
          `This reel is ${item.status}; wait for it to finish before deleting it`,
        )
      }
      store.delete(id)
      // The row goes first: if removing the files fails, the next start-up sweep removes them.
      await rm(itemDir(library, id), { recursive: true, force: true }).catch((error: unknown) =>
        log.warn({ err: error, id }, 'could not remove the files of a deleted item yet'),
      )
      events.emit('library.changed', { id, change: 'deleted' })
    },

    async saveThumbnails(id: string, images: readonly string[]): Promise<LibraryItem> {
      need(id)
      const count = await writeThumbnails(library, id, images)
      const item = store.setThumbnailCount(id, count)
      if (!item) throw new RpcError('not_found', 'This video was deleted while its thumbnails were made')
      events.emit('library.changed', { id, change: 'updated' })
      return item
    },

    /** On shutdown: running imports clean up their temp folders instead of being cut off. */
    cancelAll(): void {
      for (const controller of running.values()) controller.abort()
    },

    /** Absolute path of an item's source video, one of its thumbnails or sounds, or null. */
    mediaFile(id: string, part: 'source' | { thumbnail: number } | { sound: string }): string | null {
      const item = store.get(id)
      if (!item) return null
      if (typeof part === 'object' && 'sound' in part) {
        return soundFileNameSchema.safeParse(part.sound).success
          ? join(soundDir(library, id), part.sound)
          : null
      }
      if (part === 'source') {
        const relative = store.sourcePath(id)
        return relative ? join(library, relative) : null
      }
      if (!Number.isInteger(part.thumbnail) || part.thumbnail < 0 || part.thumbnail >= item.thumbnailCount)
        return null
      return join(itemDir(library, id), thumbnailFile(part.thumbnail))
    },
  }
}

export type MediaLibrary = ReturnType<typeof createMediaLibrary>
