// Reads manifest.json (the first entry) and applies the rules that need nothing but the manifest:
// the shared schema, then the server's settings. Everything here runs before any media byte is
// read, so a package that declares too much is refused on its first few kilobytes.
import { captionLength } from '../../reel/caption'
import { reelManifestSchema, type ReelManifest } from '../../reel/manifest-schema'
import { reject } from './reasons'

export interface ManifestLimits {
  maxEntries: number
  maxTotalBytes: number
  maxPlaylistBytes: number
  maxDurationMs: number
  minDurationMs: number
  maxCaptionLength: number
  maxRenditions: number
}

export const MAX_LONG_SIDE = 1920

export function parseManifest(
  bytes: Uint8Array,
  limits: ManifestLimits,
  path = 'manifest.json',
): ReelManifest {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (error) {
    reject('manifest_invalid', `manifest.json is not valid UTF-8 JSON: ${(error as Error).message}`, path)
  }
  const parsed = reelManifestSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'manifest'
    reject('manifest_invalid', `manifest.json: ${where}: ${issue.message}`.slice(0, 500), path)
  }
  const manifest = parsed.data
  const files = Object.entries(manifest.files)

  if (manifest.renditions.length > limits.maxRenditions) {
    reject(
      'manifest_invalid',
      `manifest.json has ${manifest.renditions.length} renditions; at most ${limits.maxRenditions}.`,
      path,
    )
  }
  if (files.length + 1 > limits.maxEntries) {
    reject(
      'too_many_entries',
      `manifest.json lists ${files.length + 1} files; at most ${limits.maxEntries}.`,
      path,
    )
  }
  const declared = files.reduce((sum, [, file]) => sum + file.size, bytes.byteLength)
  if (declared > limits.maxTotalBytes) {
    reject(
      'package_too_large',
      `manifest.json declares ${declared} bytes; at most ${limits.maxTotalBytes}.`,
      path,
    )
  }
  for (const [file, { size }] of files) {
    if (file.endsWith('.m3u8') && size > limits.maxPlaylistBytes) {
      reject('file_too_large', `${file} is ${size} bytes; at most ${limits.maxPlaylistBytes}.`, file)
    }
  }
  const length = captionLength(manifest.caption)
  if (length > limits.maxCaptionLength) {
    reject(
      'caption_too_long',
      `The caption has ${length} characters; at most ${limits.maxCaptionLength}.`,
      path,
    )
  }
  if (manifest.durationMs < limits.minDurationMs || manifest.durationMs > limits.maxDurationMs) {
    reject(
      'duration_out_of_range',
      `The reel lasts ${manifest.durationMs} ms; it must last ${limits.minDurationMs}–${limits.maxDurationMs} ms.`,
      path,
    )
  }
  checkDimensions(manifest, path)
  return manifest
}

// The top rendition gives width/height, and every rendition must be portrait or square: a feed of
// vertical video letterboxes anything else.
function checkDimensions(manifest: ReelManifest, path: string): void {
  const shapes = [manifest, ...manifest.renditions]
  for (const { width, height } of shapes) {
    if (width > height || height > MAX_LONG_SIDE) {
      reject(
        'dimensions_invalid',
        `${width}x${height} is not portrait or square within ${MAX_LONG_SIDE} pixels.`,
        path,
      )
    }
  }
  const top = manifest.renditions.reduce((best, item) =>
    item.width * item.height > best.width * best.height ? item : best,
  )
  if (top.width !== manifest.width || top.height !== manifest.height) {
    reject(
      'dimensions_invalid',
      `manifest.json says ${manifest.width}x${manifest.height}, but its top rendition is ${top.width}x${top.height}.`,
      path,
    )
  }
}
