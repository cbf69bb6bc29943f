// Turns an encode's staged files into the reel package the server takes: manifest.json with the
// size and sha256 of every file, a tar with the manifest first, then the same check the server
// runs (shared/node/package-check). Only a package that passes is kept as package.tar; the encoder
// is not trusted to have got it right, so a bad file means "not queued", never "uploaded and refused".
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { checkReelPackage, type PackageCheckResult } from '../../../shared/node/package-check'
import { ORIGINAL_SOUND, type ManifestSound } from '../../../shared/reel/draft-edit'
import { REEL_FORMAT, type ReelManifest } from '../../../shared/reel/manifest-schema'
import { MANIFEST_PATH, MASTER_PLAYLIST_PATH, POSTER_PATH } from '../../../shared/reel/package-paths'
import { listStagedFiles } from './package-staging'

export interface AssembleInput {
  /** The staging folder holding master.m3u8, poster.jpg and <rendition>/… */
  dir: string
  tarPath: string
  reelId: string
  caption: string
  durationMs: number
  renditions: Array<Omit<ReelManifest['renditions'][number], 'playlist'>>
  /** Another reel's sound the reel reuses; an original sound when absent. */
  sound?: ManifestSound
}

/** Builds and checks the package; on success tarPath holds it, otherwise nothing is left there. */
export async function assemblePackage(input: AssembleInput): Promise<PackageCheckResult> {
  const paths = packageOrder(await listStagedFiles(input.dir))
  const files: ReelManifest['files'] = {}
  for (const path of paths) {
    const bytes = await readFile(join(input.dir, ...path.split('/')))
    files[path] = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
  }
  const renditions = input.renditions.map((rendition) => ({
    ...rendition,
    playlist: `${rendition.name}/index.m3u8`,
  }))
  const top = renditions.reduce((best, item) =>
    item.width * item.height > best.width * best.height ? item : best,
  )
  const manifest: ReelManifest = {
    format: REEL_FORMAT,
    reelId: input.reelId,
    caption: input.caption,
    durationMs: input.durationMs,
    width: top.width,
    height: top.height,
    poster: POSTER_PATH,
    sound: { ...(input.sound ?? ORIGINAL_SOUND) },
    renditions,
    files,
  }
  const partial = `${input.tarPath}.partial`
  try {
    await pipeline(packageTar(input.dir, manifest, paths), createWriteStream(partial))
    const result = await checkReelPackage(createReadStream(partial))
    if (result.ok) await rename(partial, input.tarPath)
    return result
  } finally {
    await rm(partial, { force: true })
  }
}

// Master and poster first, then each rendition's playlist, init segment and segments in name
// order: the order a player needs them, so a streaming reader meets them the same way.
function packageOrder(paths: string[]): string[] {
  const key = (path: string): string => {
    if (path === MASTER_PLAYLIST_PATH) return '0'
    if (path === POSTER_PATH) return '1'
    const [folder = '', name = ''] = path.split('/')
    const rank = name === 'index.m3u8' ? 0 : name === 'init.mp4' ? 1 : 2
    return `2/${folder}/${rank}/${name}`
  }
  return [...paths].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

function packageTar(dir: string, manifest: ReelManifest, paths: string[]): Readable {
  const pack = tar.pack()
  void (async () => {
    const add = (name: string, content: Buffer) =>
      new Promise<void>((resolve, reject) =>
        pack.entry({ name, mode: 0o644 }, content, (error) => (error ? reject(error) : resolve())),
      )
    // The contract: manifest.json is the first entry.
    await add(MANIFEST_PATH, Buffer.from(JSON.stringify(manifest, null, 2)))
    for (const path of paths) await add(path, await readFile(join(dir, ...path.split('/'))))
    pack.finalize()
  })().catch((error: Error) => pack.destroy(error))
  return Readable.from(pack as AsyncIterable<Buffer>)
}
