// The studio's one RPC contract: every method the renderer may call on the core, and every event the
// core may push, with the zod schemas that give both the TypeScript types and the runtime checks.
// A new method is one entry here and one handler in the core.
import { z } from 'zod'

export const themeSchema = z.enum(['dark', 'light', 'system'])

export const settingsSchema = z.object({
  theme: themeSchema,
  // Only http(s) with a real host: z.string().url() alone accepts "javascript:…" and "mailto:…".
  serverUrl: z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }).max(2048),
  uploadConcurrency: z.number().int().min(1).max(8),
  encoder: z.enum(['auto', 'webcodecs', 'ffmpeg-wasm']),
  notifications: z.boolean(),
})
export type Settings = z.infer<typeof settingsSchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'web-bridge']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

const empty = z.object({}).strict()

export const reelStatuses = ['draft', 'encoding', 'queued', 'uploading', 'published', 'rejected'] as const
export const reelStatusSchema = z.enum(reelStatuses)
export type ReelStatus = z.infer<typeof reelStatusSchema>

/** What the core learned about an imported video (mediabunny, no native ffmpeg). */
export const mediaProbeSchema = z.object({
  container: z.string(),
  durationMs: z.number().int().positive(),
  /** Display size, i.e. after rotation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** RFC 6381 codec string, e.g. avc1.42c028. */
  videoCodec: z.string(),
  hasAudio: z.boolean(),
  audioCodec: z.string().nullable(),
})
export type MediaProbe = z.infer<typeof mediaProbeSchema>

const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Not a library item id')

export const libraryItemSchema = z.object({
  id: ulidSchema,
  status: reelStatusSchema,
  /** The imported file's name; the library shows it until a caption is written. */
  sourceName: z.string(),
  caption: z.string(),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().length(64),
  probe: mediaProbeSchema,
  thumbnailCount: z.number().int().nonnegative(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type LibraryItem = z.infer<typeof libraryItemSchema>

/** Poster-strip limits: every image must fit, together, in one 1 MiB bridge message. */
export const THUMBNAIL_MAX_COUNT = 12
export const THUMBNAIL_MAX_BASE64_CHARS = 80_000

/** Chosen by the caller (so it can match progress events to its own rows) or by the core. */
const importIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an import id')

export const importProgressSchema = z.object({
  importId: z.string(),
  fileName: z.string(),
  bytesDone: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
  phase: z.enum(['copying', 'probing', 'done', 'failed']),
  /** Set when phase is done. */
  itemId: z.string().optional(),
  /** Set when phase is failed: a sentence for people. */
  error: z.string().optional(),
})
export type ImportProgress = z.infer<typeof importProgressSchema>

/** What "Encode & queue" was asked to make: the edit, for now, plus the caption that goes in the manifest. */
export const encodeOptionsSchema = z
  .object({
    /** 9:16 by black bars around the whole picture (fit) or by a centre crop (fill). */
    frame: z.enum(['fit', 'fill']),
    trimStartMs: z.number().int().nonnegative(),
    /** Exclusive end; the server takes 1–90 s. */
    trimEndMs: z.number().int().positive(),
    /** The poster frame, on the source's timeline. */
    coverMs: z.number().int().nonnegative(),
    caption: z.string().max(2200),
  })
  .strict()
  .refine((options) => options.trimEndMs > options.trimStartMs, 'The end must come after the start')
export type EncodeOptions = z.infer<typeof encodeOptionsSchema>

export const encodeJobStates = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export const encodeJobSchema = z.object({
  id: z.string(),
  reelId: ulidSchema,
  state: z.enum(encodeJobStates),
  options: encodeOptionsSchema,
  /** 0 … 100. */
  progress: z.number().min(0).max(100),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Set when state is failed: a sentence for people. */
  error: z.string().nullable(),
  createdAt: z.string(),
})
export type EncodeJob = z.infer<typeof encodeJobSchema>

export const encodeProgressSchema = z.object({
  jobId: z.string(),
  reelId: z.string(),
  percent: z.number().min(0).max(100),
  elapsedMs: z.number().int().nonnegative(),
  /** Time still to go; null until there is enough progress to guess. */
  remainingMs: z.number().int().nonnegative().nullable(),
})
export type EncodeProgress = z.infer<typeof encodeProgressSchema>

/** What the encoder made, per rendition; the core checks it against the files it received. */
export const encodedRenditionSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]{1,16}$/),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    bandwidth: z.number().int().positive(),
    codecs: z.string().max(64),
  })
  .strict()

const jobIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'Not an encode job id')

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R) {
  return { params, result }
}

export const studioMethods = {
  'app.info': method(empty, appInfoSchema),
  'settings.get': method(empty, settingsSchema),
  'settings.set': method(settingsSchema.partial().strict(), settingsSchema),
  'library.list': method(
    z.object({ query: z.string().max(200).optional(), status: reelStatusSchema.optional() }).strict(),
    z.object({ items: z.array(libraryItemSchema) }),
  ),
  'library.get': method(z.object({ id: ulidSchema }).strict(), libraryItemSchema),
  'library.delete': method(z.object({ id: ulidSchema }).strict(), z.object({ deleted: z.literal(true) })),
  /** Electron only: a path from the file dialog or a drop. The browser bridge uses PUT /import. */
  'library.importFile': method(
    z.object({ path: z.string().min(1).max(4096), importId: importIdSchema.optional() }).strict(),
    libraryItemSchema,
  ),
  'library.cancelImport': method(
    z.object({ importId: importIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  'library.saveThumbnails': method(
    z
      .object({
        id: ulidSchema,
        images: z
          .array(
            z
              .string()
              .min(1)
              .max(THUMBNAIL_MAX_BASE64_CHARS)
              .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64'),
          )
          .min(1)
          .max(THUMBNAIL_MAX_COUNT),
      })
      .strict(),
    libraryItemSchema,
  ),
  /** Starts "Encode & queue" for a draft: the reel turns `encoding` and a job waits for an encoder. */
  'encode.start': method(
    z.object({ id: ulidSchema, options: encodeOptionsSchema }).strict(),
    encodeJobSchema,
  ),
  /** The renderer's encoder takes the oldest queued job (now `running`), or null when there is none. */
  'encode.next': method(
    empty,
    z.object({ job: encodeJobSchema.extend({ probe: mediaProbeSchema }).nullable() }),
  ),
  /** The encoder's progress; the answer says whether the job is still wanted (not cancelled). */
  'encode.progress': method(
    encodeProgressSchema.omit({ reelId: true }).strict(),
    z.object({ running: z.boolean() }),
  ),
  /**
   * The encoder has sent every file (bridge: PUT /library/<id>/package/<path>). The core writes
   * manifest.json, builds package.tar, runs the server's package check, and queues the reel only if
   * it passes; otherwise the reel is a draft again and the error (package_invalid) says why.
   */
  'encode.finish': method(
    z
      .object({
        jobId: jobIdSchema,
        durationMs: z.number().int().positive(),
        renditions: z.array(encodedRenditionSchema).min(1).max(6),
      })
      .strict(),
    libraryItemSchema,
  ),
  'encode.fail': method(
    z.object({ jobId: jobIdSchema, message: z.string().min(1).max(2000) }).strict(),
    encodeJobSchema,
  ),
  /** Cancels the reel's queued or running job: the reel is a draft again and partial files go. */
  'encode.cancel': method(z.object({ id: ulidSchema }).strict(), z.object({ cancelled: z.boolean() })),
  /** The reel's newest job (its progress, or why it failed), or null. */
  'encode.latest': method(
    z.object({ id: ulidSchema }).strict(),
    z.object({ job: encodeJobSchema.nullable() }),
  ),
} as const

export const studioEvents = {
  'settings.changed': settingsSchema,
  'library.changed': z.object({ id: z.string(), change: z.enum(['added', 'updated', 'deleted']) }),
  'library.importProgress': importProgressSchema,
  'encode.progress': encodeProgressSchema,
  'encode.changed': z.object({ jobId: z.string(), reelId: z.string(), state: z.enum(encodeJobStates) }),
} as const

export type StudioMethods = typeof studioMethods
export type MethodName = keyof StudioMethods
export type MethodParams<M extends MethodName> = z.input<StudioMethods[M]['params']>
export type MethodResult<M extends MethodName> = z.output<StudioMethods[M]['result']>

export type StudioEvents = typeof studioEvents
export type EventName = keyof StudioEvents
export type EventPayload<E extends EventName> = z.output<StudioEvents[E]>

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(studioMethods, name)
}
