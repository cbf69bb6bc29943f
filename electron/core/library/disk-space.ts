// Free-space check before an import copies anything: a half-copied file on a full disk helps nobody.
import { statfs } from 'node:fs/promises'
import { RpcError } from '../../../shared/rpc/envelope'

/** Injectable so tests can play a full disk without filling one. */
export type FreeBytes = (dir: string) => Promise<number>

export const freeBytesOnDisk: FreeBytes = async (dir) => {
  const stats = await statfs(dir)
  // bavail, not bfree: blocks reserved for root are not ours to use.
  return Number(stats.bavail) * Number(stats.bsize)
}

/** Room left over after the copy, for the database, thumbnails and the OS. */
export const FREE_SPACE_MARGIN_BYTES = 256 * 1024 * 1024

export async function ensureFreeSpace(
  freeBytes: FreeBytes,
  dir: string,
  needed: number,
  what = 'import this video',
): Promise<void> {
  const free = await freeBytes(dir)
  if (free >= needed + FREE_SPACE_MARGIN_BYTES) return
  throw new RpcError(
    'insufficient_storage',
    `Not enough free disk space to ${what}: it needs ${formatMegabytes(needed + FREE_SPACE_MARGIN_BYTES)} ` +
      `and ${formatMegabytes(free)} is free. Free up some space and try again.`,
  )
}

function formatMegabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`
}
