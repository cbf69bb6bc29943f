// A really published reel for tests that need engagement on one: a 2 s package made by native
// ffmpeg, uploaded over tus as its creator, and waited for until the server publishes it.
import { readFile } from 'node:fs/promises'
import { ensureMedia } from './media'
import { makeReelPackage, type ReelPackageOptions } from './reel-package'
import { tusUpload, waitForReel } from './tus-upload'

/**
 * Publishes a reel with this caption as the token's user; resolves with its id. `sound` is the
 * manifest's (an original sound by default; `sourceReelId` reuses another reel's).
 */
export async function publishTestReel(
  serverUrl: string,
  token: string,
  caption: string,
  options: Pick<ReelPackageOptions, 'sound'> = {},
): Promise<string> {
  const pkg = await makeReelPackage(await ensureMedia('portrait-1080x1920-audio-2s'), {
    renditions: ['360p'],
    caption,
    ...options,
  })
  const reelId = pkg.manifest.reelId
  const outcome = await tusUpload(serverUrl, await readFile(pkg.tarPath), {
    token,
    metadata: { reelId, filename: 'reel.tar' },
  })
  if (!outcome.ok) throw new Error(`upload of ${reelId} failed: ${outcome.status} ${outcome.body}`)
  const reel = await waitForReel(serverUrl, reelId, token)
  if (reel.body.status !== 'published')
    throw new Error(`reel ${reelId} was not published: ${JSON.stringify(reel.body)}`)
  return reelId
}
