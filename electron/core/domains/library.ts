// library.* — the imported videos: list and search, open, delete, import by path, poster strips,
// and replacement sounds for drafts.
import { RpcError } from '../../../shared/rpc/envelope'
import type { MediaLibrary } from '../library/media-library'
import type { HandlerMap } from '../rpc/dispatcher'

export function libraryHandlers(library: MediaLibrary): HandlerMap {
  return {
    'library.list': (params) => ({ items: library.list(params) }),
    'library.get': ({ id }) => library.get(id),
    'library.delete': async ({ id }) => {
      await library.delete(id)
      return { deleted: true as const }
    },
    'library.importFile': ({ path, importId }, context) => {
      // A browser page never has real paths; only Electron's dialog and drops do. Refusing here
      // keeps a leaked bridge token from reading arbitrary files of this machine into the library.
      if (context.transport !== 'electron') {
        throw new RpcError(
          'invalid_params',
          'Import by path is for the desktop app; the browser uses PUT /import',
        )
      }
      return library.importPath(path, importId)
    },
    'library.importSound': ({ id, path }, context) => {
      if (context.transport !== 'electron') {
        throw new RpcError(
          'invalid_params',
          'Import by path is for the desktop app; the browser uses PUT /library/<id>/sound',
        )
      }
      return library.importSoundPath(id, path)
    },
    'library.cancelImport': ({ importId }) => ({ cancelled: library.cancelImport(importId) }),
    'library.saveThumbnails': ({ id, images }) => library.saveThumbnails(id, images),
  }
}
