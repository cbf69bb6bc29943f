// The server's check of an uploaded reel package (REEL-PACKAGE.md, format spool-reel/1). It reads
// the tar once, as a stream, and refuses the package with a stable reason code at the first rule
// it breaks. Memory stays bounded whatever the upload holds: headers are judged before their data
// is read, playlists and the manifest are held only up to their size limit, init segments up to
// their moov, media segments and the poster only box/marker headers; every byte is hashed in passing.
//
// With `extractTo`, accepted files are written under that directory as they stream. The caller
// owns it: on `ok: true` it moves the directory into place atomically (rename) to publish; on
// `ok: false` it deletes it, because it may hold part of the package.
import type { Readable } from 'node:stream'
import type { ReelManifest } from '../../reel/manifest-schema'
import { MANIFEST_PATH, packageFileRole, type PackageFileRole } from '../../reel/package-paths'
import { ByteReader } from './byte-reader'
import { FileSink, tap } from './file-sink'
import { readJpegHeader } from './jpeg'
import { parseManifest, type ManifestLimits } from './manifest'
import { checkInitSegment, readInitSegment } from './mp4-init'
import { checkMediaSegment } from './mp4-segment'
import { checkMasterPlaylist, checkMediaPlaylist } from './playlist-checks'
import { PACKAGE_REASONS, PackageRejection, reject, type PackageReason } from './reasons'
import { readTarEntries, type TarEntry } from './tar-entries'

export { PACKAGE_REASONS, PACKAGE_REASON_CODES, type PackageReason } from './reasons'
export type { ManifestLimits as PackageLimits } from './manifest'

export const DEFAULT_PACKAGE_LIMITS: Readonly<ManifestLimits> = Object.freeze({
  maxEntries: 300,
  maxTotalBytes: 250_000_000,
  maxPlaylistBytes: 2_000_000,
  maxDurationMs: 90_000,
  minDurationMs: 1_000,
  maxCaptionLength: 2_200,
  maxRenditions: 6,
})

export interface PackageCheckOptions extends Partial<ManifestLimits> {
  /** True when another creator's reel already has this id. Errors become `internal_error`. */
  isReelIdTaken?: (reelId: string) => boolean | Promise<boolean>
  /** Directory to write accepted files into (created if missing; must not hold package files yet). */
  extractTo?: string
}

export interface CheckedFile {
  path: string
  size: number
  sha256: string
}

export type PackageCheckResult =
  | { ok: true; manifest: ReelManifest; files: CheckedFile[] }
  | { ok: false; reason: PackageReason; message: string; path?: string; cause?: unknown }

/** Checks a reel package read from `input` (consumed, and destroyed if the check stops early). */
export async function checkReelPackage(
  input: Readable,
  options: PackageCheckOptions = {},
): Promise<PackageCheckResult> {
  const limits: ManifestLimits = { ...DEFAULT_PACKAGE_LIMITS }
  for (const key of Object.keys(DEFAULT_PACKAGE_LIMITS) as (keyof ManifestLimits)[]) {
    const value = options[key]
    if (value !== undefined) limits[key] = value
  }
  try {
    return { ok: true, ...(await runCheck(input, limits, options)) }
  } catch (error) {
    if (error instanceof PackageRejection) {
      return {
        ok: false,
        reason: error.reason,
        message: error.message,
        ...(error.path ? { path: error.path } : {}),
      }
    }
    // Not the uploader's fault (a bug, the disk, the reel id lookup): say so, keep the cause for the log.
    return { ok: false, reason: 'internal_error', message: PACKAGE_REASONS.internal_error, cause: error }
  } finally {
    input.destroy()
  }
}

async function runCheck(
  input: Readable,
  limits: ManifestLimits,
  options: PackageCheckOptions,
): Promise<{ manifest: ReelManifest; files: CheckedFile[] }> {
  let manifest: ReelManifest | null = null
  let renditions = new Set<string>()
  const checked = new Map<string, CheckedFile>()

  for await (const entry of readTarEntries(input, limits)) {
    if (entry.index === 0 && (entry.path !== MANIFEST_PATH || entry.type !== 'file')) {
      reject('manifest_not_first', `The first entry is "${entry.path}", not manifest.json.`, entry.path)
    }
    // The contract requires no directories; the ones a plain `tar` writes are harmless, so skip them.
    if (entry.type === 'directory') continue

    if (!manifest) {
      if (entry.size > limits.maxPlaylistBytes) {
        reject(
          'file_too_large',
          `manifest.json is ${entry.size} bytes; at most ${limits.maxPlaylistBytes}.`,
          MANIFEST_PATH,
        )
      }
      const { bytes, file } = await readWhole(entry, options.extractTo)
      manifest = parseManifest(bytes, limits)
      renditions = new Set(manifest.renditions.map((rendition) => rendition.name))
      if (await options.isReelIdTaken?.(manifest.reelId)) {
        reject(
          'reel_id_taken',
          `The reel id ${manifest.reelId} is already used by another reel.`,
          MANIFEST_PATH,
        )
      }
      checked.set(MANIFEST_PATH, file)
      continue
    }

    const expected = Object.hasOwn(manifest.files, entry.path) ? manifest.files[entry.path]! : null
    const role = packageFileRole(entry.path, renditions)
    if (!expected || !role)
      reject('file_unlisted', `"${entry.path}" is not listed in manifest.json.`, entry.path)
    if ((role.kind === 'master' || role.kind === 'media-playlist') && entry.size > limits.maxPlaylistBytes) {
      reject(
        'file_too_large',
        `${entry.path} is ${entry.size} bytes; at most ${limits.maxPlaylistBytes}.`,
        entry.path,
      )
    }
    if (entry.size !== expected.size) {
      reject(
        'size_mismatch',
        `${entry.path} is ${entry.size} bytes, manifest.json says ${expected.size}.`,
        entry.path,
      )
    }
    checked.set(entry.path, await checkFile(entry, role, expected.sha256, manifest, options.extractTo))
  }

  if (!manifest) reject('manifest_not_first', 'The package holds no manifest.json.')
  for (const path of Object.keys(manifest.files)) {
    if (!checked.has(path))
      reject('file_missing', `${path} is listed in manifest.json but not in the package.`, path)
  }
  return { manifest, files: [...checked.values()] }
}

async function readWhole(
  entry: TarEntry,
  extractTo: string | undefined,
): Promise<{ bytes: Buffer; file: CheckedFile }> {
  const sink = await FileSink.open(entry.path, extractTo)
  try {
    const reader = new ByteReader(tap(entry.body, sink))
    const bytes = await reader.read(entry.size)
    if (bytes.length < entry.size || !(await reader.atEnd())) reject('tar_truncated')
    return { bytes, file: { path: entry.path, size: entry.size, sha256: await sink.close() } }
  } finally {
    await sink.abandon()
  }
}

/**
 * Streams one listed file through its format check and the hash. A format problem is reported only
 * once the hash is known: if the bytes are not the ones the manifest lists, checksum_mismatch says
 * more (a corrupted upload) than whatever the corruption broke in the format.
 */
async function checkFile(
  entry: TarEntry,
  role: PackageFileRole,
  sha256: string,
  manifest: ReelManifest,
  extractTo: string | undefined,
): Promise<CheckedFile> {
  const sink = await FileSink.open(entry.path, extractTo)
  try {
    const reader = new ByteReader(tap(entry.body, sink))
    let problem: unknown = null
    let afterHash: (() => void) | null = null
    try {
      afterHash = await inspect(reader, entry, role, manifest, sink)
    } catch (error) {
      problem = error
    }
    await reader.drain()
    // A body that stopped short failed as a tar (truncated, over a limit) or on our side (disk):
    // that error, not the format, is the reason.
    if (sink.bytes !== entry.size) throw problem ?? new PackageRejection('tar_truncated')
    const digest = await sink.close()
    if (digest !== sha256.toLowerCase()) {
      reject(
        'checksum_mismatch',
        `${entry.path} does not have the sha256 manifest.json gives for it.`,
        entry.path,
      )
    }
    if (problem) throw problem
    afterHash?.()
    return { path: entry.path, size: entry.size, sha256: digest }
  } finally {
    await sink.abandon()
  }
}

/** Runs the format check for the file's role; may return a check that needs the whole file read. */
async function inspect(
  reader: ByteReader,
  entry: TarEntry,
  role: PackageFileRole,
  manifest: ReelManifest,
  sink: FileSink,
): Promise<(() => void) | null> {
  const rendition = manifest.renditions.find((item) => item.name === role.rendition)
  switch (role.kind) {
    case 'master':
      checkMasterPlaylist(await reader.read(entry.size), manifest, entry.path)
      return null
    case 'media-playlist':
      checkMediaPlaylist(await reader.read(entry.size), rendition!, manifest, entry.path)
      return null
    case 'init':
      checkInitSegment(await readInitSegment(reader, entry.size, entry.path), rendition!, entry.path)
      return null
    case 'segment':
      await checkMediaSegment(reader, entry.size, entry.path)
      return null
    case 'poster': {
      const poster = await readJpegHeader(reader, entry.path)
      return () => checkPoster(poster, sink.tail, manifest, entry.path)
    }
    case 'manifest':
      return reject('duplicate_path', 'manifest.json appears twice.', entry.path)
  }
}

// Posters are scaled from the top rendition's frame, so rounding to even sizes is the only
// difference we expect: allow 1% between the two aspect ratios.
const ASPECT_TOLERANCE = 0.01

function checkPoster(
  poster: { width: number; height: number },
  tail: Buffer,
  manifest: ReelManifest,
  path: string,
): void {
  if (tail.length < 2 || tail[0] !== 0xff || tail[1] !== 0xd9) {
    reject('poster_invalid', `${path} does not end with a JPEG EOI marker: it is cut short.`, path)
  }
  const skew = Math.abs(poster.width * manifest.height - poster.height * manifest.width)
  if (skew > ASPECT_TOLERANCE * poster.height * manifest.width) {
    reject(
      'poster_invalid',
      `${path} is ${poster.width}x${poster.height}, not the shape of the ${manifest.width}x${manifest.height} video.`,
      path,
    )
  }
}
