// Hands an encoded package to the core: every file to the bridge, then encode.finish, where the
// core writes the manifest, builds the tar and runs the server's package check. Shared by both
// encode paths (ffmpeg.wasm and WebCodecs).
import type { StudioClient } from '../../../shared/rpc/client'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { putPackageFile } from './put-package-file'

export interface EncodedPackage {
  /** Package paths (`720p/seg000.m4s`, `poster.jpg`, …) to bytes; manifest.json is the core's. */
  files: Map<string, Uint8Array>
  renditions: Array<{ name: string; width: number; height: number; bandwidth: number; codecs: string }>
  durationMs: number
}

export async function sendPackage(
  client: StudioClient,
  job: { id: string; reelId: string },
  encoded: EncodedPackage,
  check: () => void,
): Promise<LibraryItem> {
  for (const [path, bytes] of encoded.files) {
    check()
    await putPackageFile(job.reelId, job.id, path, bytes)
  }
  check()
  const { renditions, durationMs } = encoded
  return client.call('encode.finish', { jobId: job.id, durationMs, renditions })
}
