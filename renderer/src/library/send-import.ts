// Starts one import, by whichever door this studio has: in Electron the core reads the file's own
// path (no copy through the renderer); in the browser the file is streamed to the bridge's
// PUT /import. Both run the same pipeline in the core and end in a LibraryItem or a typed error.
import type { LibraryItem } from '../../../shared/rpc/contract'
import type { StudioClient } from '../../../shared/rpc/client'
import { RpcError, rpcErrorSchema } from '../../../shared/rpc/envelope'
import { currentBridgeToken } from '../rpc/bridge-token'

export type ImportInput = { kind: 'file'; file: File } | { kind: 'path'; path: string; name: string }

export function importName(input: ImportInput): string {
  return input.kind === 'file' ? input.file.name : input.name
}

export async function sendImport(
  client: StudioClient,
  input: ImportInput,
  importId: string,
): Promise<LibraryItem> {
  if (input.kind === 'path') return client.call('library.importFile', { path: input.path, importId })
  if (window.spool) {
    return client.call('library.importFile', { path: desktopPathOf(input.file), importId })
  }
  return putImport(input.file, importId)
}

/** In Electron: the picked or dropped file's real path, which the core reads itself. */
export function desktopPathOf(file: File): string {
  const path = window.spool?.pathForFile(file)
  if (!path)
    throw new RpcError(
      'not_found',
      `"${file.name}" is not a file on this computer. Save it to a folder first.`,
    )
  return path
}

function putImport(file: File, importId: string): Promise<LibraryItem> {
  const query = new URLSearchParams({ name: file.name, importId })
  return putFileToBridge<LibraryItem>(`/import?${query}`, file, 'import')
}

/**
 * Streams a picked file to one of the bridge's PUT routes (a File body is read from disk by the
 * browser, with its Content-Length) and answers the JSON result, or the core's typed error.
 */
export async function putFileToBridge<T>(url: string, file: File, what: string): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: { 'x-spool-token': currentBridgeToken() ?? '', 'content-type': 'application/octet-stream' },
      body: file,
    })
  } catch {
    throw new RpcError(
      'disconnected',
      `Lost the connection to the studio core during the ${what} of "${file.name}".`,
    )
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) return body as T
  const error = rpcErrorSchema.safeParse((body as { error?: unknown } | null)?.error)
  if (error.success) throw new RpcError(error.data.code, error.data.message)
  throw new RpcError(
    'internal',
    `The studio core answered ${response.status} to the ${what} of "${file.name}".`,
  )
}
