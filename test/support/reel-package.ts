// Makes reel packages the way REEL-PACKAGE.md describes them, with native ffmpeg as the reference
// encoder (independent of the studio's encoder and of the server's check), plus the low-level
// pieces tests use to craft broken packages: tars from arbitrary entries, raw tar headers, and
// manifest rewrites that do or do not keep sizes and hashes honest.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'
import { ulid } from 'ulid'
import type { ReelManifest } from '../../shared/reel/manifest-schema'
import { run } from '../fixtures/make-media'

export interface ReelPackageOptions {
  reelId?: string
  caption?: string
  /** Names like `720p`: the number is the short side of the picture. */
  renditions?: string[]
  sound?: ReelManifest['sound']
  /** Where to build; a new temporary directory by default. */
  outDir?: string
}

export interface ReelPackage {
  tarPath: string
  /** The package's files, as in the tar. */
  dir: string
  manifest: ReelManifest
}

interface Probe {
  width: number
  height: number
  durationMs: number
  audio: boolean
}

export async function makeReelPackage(
  videoPath: string,
  options: ReelPackageOptions = {},
): Promise<ReelPackage> {
  const outDir = options.outDir ?? (await mkdtemp(join(tmpdir(), 'spool-reel-')))
  const dir = join(outDir, 'package')
  await mkdir(dir, { recursive: true })
  const source = await probe(videoPath)
  const renditions: ReelManifest['renditions'] = []
  const files: string[] = []
  for (const name of options.renditions ?? ['720p', '360p']) {
    const { width, height } = scaledSize(source, Number.parseInt(name, 10))
    await mkdir(join(dir, name))
    await encodeRendition(videoPath, join(dir, name), width, height, source.audio)
    const playlist = await readFile(join(dir, name, 'index.m3u8'), 'utf8')
    const segments = [...playlist.matchAll(/#EXTINF:([\d.]+),\s*\n(\S+)/g)].map((match) => ({
      seconds: Number(match[1]),
      file: match[2]!,
    }))
    let bandwidth = 0
    for (const segment of segments) {
      const size = (await readFile(join(dir, name, segment.file))).length
      bandwidth = Math.max(bandwidth, Math.ceil((size * 8) / segment.seconds))
    }
    const codecs = await codecsOf(join(dir, name, 'init.mp4'))
    renditions.push({ name, width, height, bandwidth, codecs, playlist: `${name}/index.m3u8` })
    files.push(
      `${name}/index.m3u8`,
      `${name}/init.mp4`,
      ...segments.map((segment) => `${name}/${segment.file}`),
    )
  }
  const top = renditions.reduce((best, item) =>
    item.width * item.height > best.width * best.height ? item : best,
  )
  await writeFile(join(dir, 'master.m3u8'), masterPlaylist(renditions))
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-ss', String(Math.min(1, source.durationMs / 2000))],
    ...['-i', videoPath, '-frames:v', '1', '-vf', `scale=${top.width}:${top.height}`, '-q:v', '4'],
    join(dir, 'poster.jpg'),
  ])
  const manifest: ReelManifest = {
    format: 'spool-reel/1',
    reelId: options.reelId ?? ulid(),
    caption: options.caption ?? 'Test pattern #spool with @tester',
    durationMs: source.durationMs,
    width: top.width,
    height: top.height,
    poster: 'poster.jpg',
    sound: options.sound ?? { title: 'Original sound', sourceReelId: null },
    renditions,
    files: {},
  }
  for (const path of ['master.m3u8', 'poster.jpg', ...files]) {
    manifest.files[path] = describe(await readFile(join(dir, ...path.split('/'))))
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  const tarPath = join(outDir, 'reel.tar')
  await writeTar(await readPackageEntries({ dir, manifest }), tarPath)
  return { tarPath, dir, manifest }
}

function scaledSize(source: Probe, shortSide: number): { width: number; height: number } {
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2)
  return source.width <= source.height
    ? { width: shortSide, height: even((shortSide * source.height) / source.width) }
    : { width: even((shortSide * source.width) / source.height), height: shortSide }
}

// Keyframes exactly every 2 s (and no scene-cut keyframes in between) make every segment 2 s long,
// so EXT-X-TARGETDURATION is 2 and each segment starts with an IDR frame (independent segments).
async function encodeRendition(input: string, out: string, width: number, height: number, audio: boolean) {
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, '-vf', `scale=${width}:${height}`]
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    'superfast',
    '-crf',
    '32',
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
  )
  args.push('-force_key_frames', 'expr:gte(t,n_forced*2)', '-sc_threshold', '0')
  if (audio) args.push('-c:a', 'aac', '-b:a', '64k', '-ac', '2')
  args.push('-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4')
  args.push('-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', join(out, 'seg%03d.m4s'))
  await run('ffmpeg', [...args, join(out, 'index.m3u8')])
}

async function probe(path: string): Promise<Probe> {
  const json = JSON.parse(
    await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]),
  ) as { streams: { codec_type: string; width?: number; height?: number }[]; format: { duration: string } }
  const video = json.streams.find((stream) => stream.codec_type === 'video')
  if (!video?.width || !video.height) throw new Error(`${path} has no video stream`)
  return {
    width: video.width,
    height: video.height,
    durationMs: Math.round(Number(json.format.duration) * 1000),
    audio: json.streams.some((stream) => stream.codec_type === 'audio'),
  }
}

// The CODECS string from the streams themselves: ffprobe prints the avcC record as extradata,
// whose bytes 1–3 are profile, constraint flags and level (`avc1.PPCCLL`).
export async function codecsOf(initPath: string): Promise<string> {
  const output = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_data', initPath])
  const codecs: string[] = []
  for (const stream of output.split('[STREAM]').slice(1)) {
    const codec = /codec_name=(\w+)/.exec(stream)?.[1]
    if (codec === 'h264') {
      const hex = /extradata=\s*\n0+: ([0-9a-f ]+)/.exec(stream)?.[1]?.replace(/ /g, '')
      if (!hex) throw new Error(`No avcC in ${initPath}`)
      codecs.push(`avc1.${hex.slice(2, 8)}`)
    } else if (codec === 'aac') {
      codecs.push('mp4a.40.2')
    }
  }
  return codecs.join(',')
}

export function masterPlaylist(renditions: ReelManifest['renditions']): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS']
  for (const rendition of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},RESOLUTION=${rendition.width}x${rendition.height},CODECS="${rendition.codecs}"`,
      rendition.playlist,
    )
  }
  return `${lines.join('\n')}\n`
}

export function describe(content: Buffer | string): { size: number; sha256: string } {
  const bytes = Buffer.from(content)
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
}

// ---- Crafting packages -------------------------------------------------------------------------

export type EntrySpec =
  | { name: string; content: Buffer | string; type?: 'file' }
  | { name: string; type: 'symlink' | 'link'; linkname: string }
  | { name: string; type: 'directory' | 'fifo' | 'character-device' | 'block-device' }

export type FileEntry = { name: string; content: Buffer }

/** The package's entries as they go in the tar: manifest.json first, then files in manifest order. */
export async function readPackageEntries(pkg: Pick<ReelPackage, 'dir' | 'manifest'>): Promise<FileEntry[]> {
  const entries: FileEntry[] = [
    { name: 'manifest.json', content: Buffer.from(JSON.stringify(pkg.manifest, null, 2)) },
  ]
  for (const path of Object.keys(pkg.manifest.files)) {
    entries.push({ name: path, content: await readFile(join(pkg.dir, ...path.split('/'))) })
  }
  return entries
}

/** A tar (tar-stream's pack) of exactly these entries, in this order. */
export function tarStream(entries: readonly EntrySpec[]): Readable {
  const pack = tar.pack()
  void (async () => {
    for (const entry of entries) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error | null) => (error ? reject(error) : resolve())
        if (entry.type === undefined || entry.type === 'file')
          pack.entry({ name: entry.name }, entry.content, done)
        else if (entry.type === 'symlink' || entry.type === 'link') {
          pack.entry({ name: entry.name, type: entry.type, linkname: entry.linkname }, done)
        } else pack.entry({ name: entry.name, type: entry.type }, done)
      })
    }
    pack.finalize()
  })().catch((error: Error) => pack.destroy(error))
  return Readable.from(pack as AsyncIterable<Buffer>)
}

export async function tarBuffer(entries: readonly EntrySpec[]): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of tarStream(entries)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function writeTar(entries: readonly EntrySpec[], tarPath: string): Promise<string> {
  await pipeline(tarStream(entries), createWriteStream(tarPath))
  return tarPath
}

/**
 * Rewrites manifest.json (the entry named so) with `change`. With `rehash`, sizes and sha256 of the
 * listed files are recomputed from the entries, so only the intended flaw remains.
 */
export function rewriteManifest(
  entries: readonly EntrySpec[],
  change: (manifest: ReelManifest) => void,
  { rehash = true }: { rehash?: boolean } = {},
): EntrySpec[] {
  return entries.map((entry) => {
    if (entry.name !== 'manifest.json' || !('content' in entry)) return entry
    const manifest = JSON.parse(entry.content.toString()) as ReelManifest
    change(manifest)
    if (rehash) {
      for (const path of Object.keys(manifest.files)) {
        const file = entries.find((item) => item.name === path)
        if (file && 'content' in file) manifest.files[path] = describe(file.content)
      }
    }
    return { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest, null, 2)) }
  })
}

/** Replaces one file's content (and, with `rehash`, its manifest size and sha256). */
export function replaceFile(
  entries: readonly EntrySpec[],
  name: string,
  content: Buffer | string,
  { rehash = true }: { rehash?: boolean } = {},
): EntrySpec[] {
  const replaced = entries.map((entry) =>
    entry.name === name ? { name, content: Buffer.from(content) } : entry,
  )
  return rehash ? rewriteManifest(replaced, () => {}) : replaced
}

/** The content of a file entry, as text. */
export function entryText(entries: readonly EntrySpec[], name: string): string {
  const entry = entries.find((item) => item.name === name)
  if (!entry || !('content' in entry)) throw new Error(`No file entry ${name}`)
  return entry.content.toString()
}

/**
 * One raw 512-byte ustar header, written by hand rather than by tar-stream so tests can declare
 * sizes the data never delivers, or type flags tar-stream would not write.
 */
export function ustarHeader(name: string, size: number, typeflag = '0'): Buffer {
  const header = Buffer.alloc(512)
  const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0'
  header.write(name, 0, 100, 'utf8')
  header.write(octal(0o644, 8), 100)
  header.write(octal(0, 8), 108)
  header.write(octal(0, 8), 116)
  header.write(octal(size, 12), 124)
  header.write(octal(0, 12), 136)
  header.write('        ', 148)
  header.write(typeflag, 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  let sum = 0
  for (const byte of header) sum += byte
  header.write(octal(sum, 7) + ' ', 148)
  return header
}

/** A file entry as raw tar bytes (header, data, padding to 512). */
export function ustarFile(name: string, content: Buffer): Buffer {
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([ustarHeader(name, content.length), content, padding])
}

export function randomReelId(): string {
  return ulid()
}
