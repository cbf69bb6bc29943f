// The schema of a reel package's manifest.json (format `spool-reel/1`, REEL-PACKAGE.md). The studio
// validates what it writes with it and the server what it receives, so the two never drift.
// Rules that depend on server settings (duration range, caption length, rendition count, limits)
// are not here: the package check applies them with its own reason codes.
import { z } from 'zod'
import { parseReelCodecs } from './codecs'
import {
  MANIFEST_PATH,
  MASTER_PLAYLIST_PATH,
  POSTER_PATH,
  RENDITION_NAME,
  isSafePackagePath,
  packageFileRole,
} from './package-paths'
import { isReelId } from './reel-id'

export const REEL_FORMAT = 'spool-reel/1'
/** The contract's own ceiling; a server may set a lower one. */
export const MAX_RENDITIONS = 6

const reelId = z.string().refine(isReelId, 'must be a 26-character upper-case ULID')

export const renditionSchema = z
  .strictObject({
    name: z.string().regex(RENDITION_NAME, 'must match [a-z0-9]{1,16}'),
    width: z.int().positive(),
    height: z.int().positive(),
    bandwidth: z.int().positive(),
    codecs: z.string().refine((codecs) => parseReelCodecs(codecs) !== null, {
      message: 'must be avc1.PPCCLL, optionally with mp4a.40.2',
    }),
    playlist: z.string(),
  })
  .refine((rendition) => rendition.playlist === `${rendition.name}/index.m3u8`, {
    message: 'playlist must be <name>/index.m3u8',
    path: ['playlist'],
  })
export type Rendition = z.infer<typeof renditionSchema>

export const packageFileSchema = z.strictObject({
  size: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits'),
})
export type PackageFile = z.infer<typeof packageFileSchema>

export const reelManifestSchema = z
  .strictObject({
    format: z.literal(REEL_FORMAT),
    reelId,
    caption: z.string(),
    durationMs: z.int().positive(),
    width: z.int().positive(),
    height: z.int().positive(),
    poster: z.literal(POSTER_PATH),
    sound: z.strictObject({ title: z.string(), sourceReelId: reelId.nullable() }),
    renditions: z.array(renditionSchema).min(1).max(MAX_RENDITIONS),
    files: z.record(z.string(), packageFileSchema),
  })
  .superRefine((manifest, ctx) => {
    const names = new Set(manifest.renditions.map((rendition) => rendition.name))
    if (names.size !== manifest.renditions.length) {
      ctx.addIssue({ code: 'custom', message: 'rendition names must be unique', path: ['renditions'] })
    }
    const segmentsPerRendition = new Map<string, number>()
    for (const path of Object.keys(manifest.files)) {
      const role = isSafePackagePath(path) ? packageFileRole(path, names) : null
      if (!role || role.kind === 'manifest') {
        ctx.addIssue({
          code: 'custom',
          message: `"${path}" has no place in a reel package`,
          path: ['files', path],
        })
      } else if (role.kind === 'segment') {
        segmentsPerRendition.set(role.rendition!, (segmentsPerRendition.get(role.rendition!) ?? 0) + 1)
      }
    }
    const required = [MASTER_PLAYLIST_PATH, POSTER_PATH]
    for (const name of names) required.push(`${name}/index.m3u8`, `${name}/init.mp4`)
    for (const path of required) {
      if (!Object.hasOwn(manifest.files, path)) {
        ctx.addIssue({ code: 'custom', message: `files must list "${path}"`, path: ['files'] })
      }
    }
    for (const name of names) {
      if (!segmentsPerRendition.get(name)) {
        ctx.addIssue({ code: 'custom', message: `rendition "${name}" has no segments`, path: ['files'] })
      }
    }
    if (Object.hasOwn(manifest.files, MANIFEST_PATH)) {
      ctx.addIssue({ code: 'custom', message: 'files must not list manifest.json itself', path: ['files'] })
    }
  })
export type ReelManifest = z.infer<typeof reelManifestSchema>
