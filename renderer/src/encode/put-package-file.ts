// Sends one file of an encode to the core. In the browser studio: the bridge's
// PUT /library/<id>/package/<path>?job=… with the session token. In Electron: window.spool's
// putPackageFile, whose IPC clones the bytes through main to the core (same checks, same putFile).
import { RpcError, rpcErrorSchema } from '../../../shared/rpc/envelope'
import { currentBridgeToken } from '../rpc/bridge-token'

export async function putPackageFile(reelId: string, jobId: string, path: string, bytes: Uint8Array) {
  if (window.spool) {
    const answer = await window.spool.putPackageFile({ reelId, jobId, path, bytes })
    if (!answer.ok) throw new RpcError(answer.error.code, answer.error.message)
    return
  }
  const response = await fetch(`/library/${reelId}/package/${path}?job=${encodeURIComponent(jobId)}`, {
    method: 'PUT',
    headers: { 'x-spool-token': currentBridgeToken() ?? '', 'content-type': 'application/octet-stream' },
    body: bytes as Uint8Array<ArrayBuffer>,
  })
  if (response.ok) return
  const body: unknown = await response.json().catch(() => null)
  const error = rpcErrorSchema.safeParse((body as { error?: unknown } | null)?.error)
  if (error.success) throw new RpcError(error.data.code, error.data.message)
  throw new RpcError('internal', `The studio core answered ${response.status} to ${path}`)
}
