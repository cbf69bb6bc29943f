// The desktop app's door for encoded package files: Electron's IPC clones typed arrays, so the
// renderer's bytes arrive here as one `package-file` message (through main, which only relays) and
// go through the same putFile as the bridge's PUT /library/<id>/package/<path>. The message is
// checked like any request: shapes first, then the queue decides (running job, safe path).
import { Readable } from 'node:stream'
import { z } from 'zod'
import { RpcError, type RpcResponse } from '../../../shared/rpc/envelope'
import type { EncodeQueue } from './encode-queue'

/** Far above any segment of a 90 s reel; one message is held in memory whole on its way. */
export const MAX_PACKAGE_FILE_BYTES = 256 * 1024 ** 2

const packageFileSchema = z.object({
  id: z.number().int(),
  reelId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Not a library item id'),
  jobId: z.string().min(1).max(64),
  path: z.string().min(1).max(256),
  bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_PACKAGE_FILE_BYTES, {
    message: `A package file may be at most ${MAX_PACKAGE_FILE_BYTES / 1024 ** 2} MB`,
  }),
})

export async function receivePackageFile(
  encode: Pick<EncodeQueue, 'putFile'>,
  message: unknown,
): Promise<RpcResponse> {
  const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1
  const parsed = packageFileSchema.safeParse(message)
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => issue.message).join('; ')
    return { type: 'response', id, ok: false, error: { code: 'invalid_params', message: reason } }
  }
  const { reelId, jobId, path, bytes } = parsed.data
  try {
    const stream = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)])
    const written = await encode.putFile({ reelId, jobId, path, stream })
    return { type: 'response', id, ok: true, result: { bytes: written } }
  } catch (error) {
    const rpc = error instanceof RpcError ? error : new RpcError('internal', 'Could not store the file')
    return { type: 'response', id, ok: false, error: rpc.toPayload() }
  }
}
