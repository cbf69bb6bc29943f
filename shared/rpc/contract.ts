// The studio's one RPC contract: every method the renderer may call on the core, and every event the
// core may push, with the zod schemas that give both the TypeScript types and the runtime checks.
// A new method is one entry here and one handler in the core.
import { z } from 'zod'
import {
  liveCommentSchema,
  liveCountsSchema,
  liveCreatorTotalsSchema,
  liveNotificationSchema,
  liveReelStatsSchema,
} from '../api/live-docs'
import { buildUseSoundLink } from '../api/studio-links'

/** True for what a use-sound link may name as its server: the link module's own rule, asked with any reel id. */
function isServerOrigin(server: string): boolean {
  try {
    buildUseSoundLink({ server, sound: '0'.repeat(26) })
    return new URL(server).origin === server
  } catch {
    return false
  }
}

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
  /** Frames per second, from the first packets; absent for items imported before it was probed. */
  frameRate: z.number().positive().max(1000).optional(),
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

/** A replacement sound's file in the library: <library>/<reelId>/sound/<sha256>.<ext>. */
export const soundFileNameSchema = z.string().regex(/^[0-9a-f]{64}\.[a-z0-9]{2,4}$/, 'Not a sound file')

/** A replacement sound imported for a draft (Sound → Replace). */
export const soundFileSchema = z
  .object({
    file: soundFileNameSchema,
    /** The name the person knows the file by. */
    name: z.string().min(1).max(255),
    durationMs: z.number().int().positive(),
    codec: z.string().max(100),
  })
  .strict()
export type SoundFile = z.infer<typeof soundFileSchema>

/** A Spool server's origin as a use-sound link names it (http(s), nothing but scheme, host and port). */
const serverOriginSchema = z
  .string()
  .max(2048)
  .refine((server) => isServerOrigin(server), 'Not a server address (http(s)://host[:port])')

/**
 * Where a draft's replacement sound comes from when it is another reel's ("use this sound"). It
 * names the sound file it describes, so it holds only while the draft plays that very file.
 */
export const soundOriginSchema = z
  .object({
    file: soundFileNameSchema,
    /** The reel the sound comes from: the manifest's sound.sourceReelId. */
    sourceReelId: ulidSchema,
    title: z.string().min(1).max(200),
    /** The username of the source reel's creator. */
    creator: z.string().min(1).max(100),
    server: serverOriginSchema,
  })
  .strict()
export type SoundOrigin = z.infer<typeof soundOriginSchema>

/** A sound downloaded for "use this sound", waiting in the library for the video it will go with. */
export const fetchedSoundSchema = z.object({
  fetchId: z.string(),
  server: z.string(),
  soundId: ulidSchema,
  title: z.string(),
  creator: z.string(),
  durationMs: z.number().int().positive(),
  codec: z.string(),
  bytes: z.number().int().positive(),
})
export type FetchedSound = z.infer<typeof fetchedSoundSchema>

export const soundFetchProgressSchema = z.object({
  fetchId: z.string(),
  bytesDone: z.number().int().nonnegative(),
  /** Files (init segment and media segments) of the rendition fetched so far, of filesTotal. */
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().positive(),
})
export type SoundFetchProgress = z.infer<typeof soundFetchProgressSchema>

/** What "Encode & queue" was asked to make: the edit, for now, plus the caption that goes in the manifest. */
export const encodeOptionsSchema = z
  .object({
    /** 9:16 by bars around the whole picture (fit: black, fit-blur: a blurred copy) or by a crop (fill). */
    frame: z.enum(['fit', 'fit-blur', 'fill']),
    /** Fill only: the crop window's centre on the source frame, 0–1; the centre when absent. */
    cropX: z.number().min(0).max(1).optional(),
    cropY: z.number().min(0).max(1).optional(),
    /** The reel has no sound (the editor's "mute"). */
    muted: z.boolean().optional(),
    /** The reel's sound is this imported file instead of the video's (looped when shorter). */
    soundFile: soundFileNameSchema.optional(),
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

/** A Yjs update in base64. Far above any real edit, and small enough for one bridge message. */
export const DRAFT_UPDATE_MAX_BASE64_CHARS = 512_000
const yjsUpdateSchema = z
  .string()
  .min(4)
  .max(DRAFT_UPDATE_MAX_BASE64_CHARS)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'Not base64')

/** What the server accepts (GET /api/limits), or the documented defaults when it cannot be asked. */
export const reelLimitsSchema = z.object({
  minDurationMs: z.number().int().positive(),
  maxDurationMs: z.number().int().positive(),
  maxCaptionLength: z.number().int().positive(),
  source: z.enum(['server', 'default']),
})
export type ReelLimits = z.infer<typeof reelLimitsSchema>

/** The studio's account on its server, and how the connection to that server is doing. */
export const connectionStates = ['signed-out', 'online', 'offline', 'syncing'] as const
export const accountSchema = z.object({
  serverUrl: z.string(),
  /** Null when signed out. */
  username: z.string().nullable(),
  connection: z.enum(connectionStates),
  /** How the token is kept: encrypted by the OS (Electron safeStorage) or plaintext in the data dir. */
  tokenStorage: z.enum(['safe-storage', 'plaintext']).nullable(),
})
export type Account = z.infer<typeof accountSchema>

export const uploadStates = [
  'queued',
  'uploading',
  'paused',
  'processing',
  'published',
  'rejected',
  'failed',
  'cancelled',
] as const
export type UploadState = (typeof uploadStates)[number]

export const uploadItemSchema = z.object({
  reelId: ulidSchema,
  state: z.enum(uploadStates),
  sourceName: z.string(),
  caption: z.string(),
  thumbnailCount: z.number().int().nonnegative(),
  bytesSent: z.number().int().nonnegative(),
  bytesTotal: z.number().int().positive(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  /** A sentence for people: why it failed or why it waits. */
  lastError: z.string().nullable(),
  /** Bytes per second, smoothed; null when not uploading. */
  speedBps: z.number().nonnegative().nullable(),
  remainingMs: z.number().int().nonnegative().nullable(),
  rejectCode: z.string().nullable(),
  rejectMessage: z.string().nullable(),
  /** <server>/r/<reelId> once published. */
  publishedUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type UploadItem = z.infer<typeof uploadItemSchema>

export const uploadProgressSchema = z.object({
  reelId: z.string(),
  bytesSent: z.number().int().nonnegative(),
  bytesTotal: z.number().int().positive(),
  speedBps: z.number().nonnegative().nullable(),
  remainingMs: z.number().int().nonnegative().nullable(),
})
export type UploadProgress = z.infer<typeof uploadProgressSchema>

/** The Dashboard's link to creator:<username> on the server (signed-out: no link at all). */
export const liveSyncStates = ['signed-out', 'online', 'syncing', 'offline'] as const

/** A write the creator made from the Dashboard, waiting in the core's outbox until the server answers. */
export const outboxItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['reply', 'delete-comment', 'like', 'unlike']),
  /** In words: "Reply to ana: thanks!". */
  summary: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  /** A sentence for people: why it failed, or why it still waits. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
})
export type OutboxItem = z.infer<typeof outboxItemSchema>

export const dashboardReelSchema = liveReelStatsSchema.extend({
  reelId: z.string(),
  /** The same reel in this studio's library (its poster strip), or null when it was made elsewhere. */
  local: z.object({ thumbnailCount: z.number().int().nonnegative(), updatedAt: z.string() }).nullable(),
  /** The creator's own like: the server's last word, with a like/unlike still waiting laid over it
   * (the counts too, so the screen shows the choice at once). */
  liked: z.boolean(),
  /** A like or unlike of this reel waits in the outbox (offline, or not answered yet). */
  likeWaiting: z.boolean(),
})
export type DashboardReel = z.infer<typeof dashboardReelSchema>

/** The creator's numbers as the studio last knew them (its local copy of creator:<username>). */
export const dashboardSchema = z.object({
  sync: z.object({
    state: z.enum(liveSyncStates),
    serverUrl: z.string(),
    username: z.string().nullable(),
    /** When the local copy last matched the server; null before the first sync. */
    syncedAt: z.string().nullable(),
  }),
  /** Null until the server has written any (a creator with nothing published yet). */
  totals: liveCreatorTotalsSchema.nullable(),
  /** Newest published first. */
  reels: z.array(dashboardReelSchema),
  /** Newest first. */
  notifications: z.array(liveNotificationSchema),
  /** Pending and failed writes (sent ones drop out). */
  outbox: z.array(outboxItemSchema),
})
export type Dashboard = z.infer<typeof dashboardSchema>

/** An open reel's link to reel:<id>: as the Dashboard's, or removed by moderation (no reconnect). */
export const reelWatchStates = ['online', 'syncing', 'offline', 'removed'] as const

/** One of the creator's reels opened from the Dashboard, read from reel:<id> while it is open. */
export const reelDetailSchema = z.object({
  reelId: z.string(),
  state: z.enum(reelWatchStates),
  /** Its Dashboard row (caption, poster, last known numbers); null if the Dashboard no longer lists it. */
  reel: dashboardReelSchema.nullable(),
  /** reel:<id>'s numbers once they arrived (`countsLive`), else the Dashboard row's last known ones. */
  counts: liveCountsSchema.nullable(),
  countsLive: z.boolean(),
  /** The document's latest comments, newest last; empty until it has arrived. */
  comments: z.array(liveCommentSchema),
  /** Comments whose deletion waits in the outbox. */
  deleting: z.array(z.string()),
  /** When the numbers shown last matched the server; null if never. */
  syncedAt: z.string().nullable(),
})
export type ReelDetail = z.infer<typeof reelDetailSchema>

const commentIdSchema = z.string().min(1).max(64)

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
  /** Desktop only: imports a sound for the draft's Sound → Replace (the browser uses PUT /library/<id>/sound). */
  'library.importSound': method(
    z.object({ id: ulidSchema, path: z.string().min(1).max(4096) }).strict(),
    soundFileSchema,
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
  /** A draft's Yjs document (created empty on first use): the whole state and its state vector, base64. */
  'draft.load': method(
    z.object({ id: ulidSchema }).strict(),
    z.object({ update: z.string(), stateVector: z.string() }),
  ),
  /** A window's local edits as one Yjs update; a broken one is refused (invalid_params) and changes nothing. */
  'draft.apply': method(
    z.object({ id: ulidSchema, update: yjsUpdateSchema }).strict(),
    z.object({ changed: z.boolean() }),
  ),
  /** The duration and caption limits the editor shows while trimming and typing. */
  'draft.limits': method(empty, reelLimitsSchema),
  /** Starts "Encode & queue" for a draft: the reel turns `encoding` and a job waits for an encoder. */
  'encode.start': method(
    z.object({ id: ulidSchema, options: encodeOptionsSchema }).strict(),
    encodeJobSchema,
  ),
  /** The renderer's encoder takes the oldest queued job (now `running`), or null when there is none. */
  'encode.next': method(
    empty,
    z.object({
      job: encodeJobSchema
        .extend({
          probe: mediaProbeSchema,
          /** This claim's number; a runner names it when renewing, so a superseded runner is refused. */
          attempt: z.number().int().positive(),
          /** The claim lapses this long after the last renewal (or progress) and the job is queued again. */
          leaseMs: z.number().int().positive(),
        })
        .nullable(),
    }),
  ),
  /** The encoder's progress; the answer says whether the job is still wanted (not cancelled). */
  'encode.progress': method(
    encodeProgressSchema
      .omit({ reelId: true })
      .extend({ attempt: z.number().int().positive().optional() })
      .strict(),
    z.object({ running: z.boolean() }),
  ),
  /** The encoder is still at it: extends its claim. running: false means stop (cancelled or taken back). */
  'encode.renew': method(
    z.object({ jobId: jobIdSchema, attempt: z.number().int().positive() }).strict(),
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
  'account.get': method(empty, accountSchema),
  /** Signs in to the server (serverUrl defaults to the settings' one) and keeps the token in the core. */
  'account.login': method(
    z
      .object({
        serverUrl: settingsSchema.shape.serverUrl.optional(),
        username: z.string().trim().min(1).max(100),
        password: z.string().min(1).max(1024),
      })
      .strict(),
    accountSchema,
  ),
  'account.logout': method(empty, accountSchema),
  'upload.list': method(empty, z.object({ items: z.array(uploadItemSchema) })),
  'upload.pause': method(z.object({ id: ulidSchema }).strict(), uploadItemSchema),
  'upload.resume': method(z.object({ id: ulidSchema }).strict(), uploadItemSchema),
  /** Stops the upload and deletes what the server holds of it (tus termination). */
  'upload.cancel': method(z.object({ id: ulidSchema }).strict(), uploadItemSchema),
  /** A failed or cancelled upload goes back in the queue. */
  'upload.retry': method(z.object({ id: ulidSchema }).strict(), uploadItemSchema),
  'upload.pauseAll': method(empty, z.object({ count: z.number().int().nonnegative() })),
  'upload.resumeAll': method(empty, z.object({ count: z.number().int().nonnegative() })),
  'dashboard.get': method(empty, dashboardSchema),
  /** A published reel's poster from the server, as a data: URL (kept on disk); null when there is none. */
  'dashboard.poster': method(
    z.object({ reelId: ulidSchema }).strict(),
    z.object({ dataUrl: z.string().startsWith('data:image/jpeg;base64,').nullable() }),
  ),
  /** Queues a reply to a comment on one of the creator's reels; sent now, or on reconnect. */
  'dashboard.reply': method(
    z
      .object({
        reelId: ulidSchema,
        commentId: commentIdSchema,
        text: z.string().trim().min(1, 'Write a reply first').max(500),
      })
      .strict(),
    outboxItemSchema,
  ),
  /** Forgets a write the server refused (a failed outbox item); pending ones cannot be dismissed. */
  'dashboard.dismissOutbox': method(
    z.object({ id: z.number().int().positive() }).strict(),
    z.object({ dismissed: z.boolean() }),
  ),
  /** Queues liking (or unliking) a reel; sent now, or on reconnect. A later choice replaces a waiting one. */
  'dashboard.like': method(z.object({ reelId: ulidSchema, liked: z.boolean() }).strict(), outboxItemSchema),
  /** Queues deleting a comment on one of the creator's reels; sent now, or on reconnect. */
  'dashboard.deleteComment': method(z.object({ commentId: commentIdSchema }).strict(), outboxItemSchema),
  /** Opens one of the creator's reels: the core subscribes to reel:<id> (at most a few at once), with
   * dashboard.reel events until dashboard.closeReel. */
  'dashboard.openReel': method(z.object({ reelId: ulidSchema }).strict(), reelDetailSchema),
  /** Lets an opened reel go; the core drops its connection once no window has it open. */
  'dashboard.closeReel': method(z.object({ reelId: ulidSchema }).strict(), z.object({ closed: z.boolean() })),
  /**
   * "Use this sound" (a spool://use-sound link, parsed): checks the studio is signed in to that
   * server (else sign_in_required), looks the sound up there and downloads its audio into the library,
   * with sound.fetchProgress events. Cancel with sound.cancelFetch under the same fetchId.
   */
  'sound.fetch': method(
    z.object({ server: serverOriginSchema, sound: ulidSchema, fetchId: importIdSchema }).strict(),
    fetchedSoundSchema,
  ),
  /** Stops a running sound.fetch, or forgets a finished one that was not used; removes its file. */
  'sound.cancelFetch': method(
    z.object({ fetchId: importIdSchema }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** Makes a fetched sound the draft's replacement sound (imported like a picked sound file), with its origin. */
  'sound.useInDraft': method(
    z.object({ id: ulidSchema, fetchId: importIdSchema }).strict(),
    z.object({ soundFile: soundFileSchema, origin: soundOriginSchema }),
  ),
} as const

export const studioEvents = {
  'settings.changed': settingsSchema,
  'library.changed': z.object({ id: z.string(), change: z.enum(['added', 'updated', 'deleted']) }),
  'library.importProgress': importProgressSchema,
  'encode.progress': encodeProgressSchema,
  /** A draft changed (in the core's copy): other windows apply the update to theirs. */
  'draft.updated': z.object({ id: z.string(), update: z.string() }),
  'encode.changed': z.object({ jobId: z.string(), reelId: z.string(), state: z.enum(encodeJobStates) }),
  'account.changed': accountSchema,
  'upload.progress': uploadProgressSchema,
  'upload.changed': z.object({ reelId: z.string(), state: z.enum(uploadStates) }),
  /** The Dashboard's data changed (a live update, the link's state, the outbox). */
  'dashboard.changed': dashboardSchema,
  /** Something happened that deserves a desktop notification (sent only when notifications are on);
   * news that arrived together (a catch-up after a reconnect) is one summary of all of it. */
  'dashboard.notify': z.object({
    title: z.string(),
    body: z.string(),
    /** Newest first; one for a single piece of news. */
    notifications: z.array(liveNotificationSchema).min(1),
  }),
  'sound.fetchProgress': soundFetchProgressSchema,
  /** An opened reel changed (its live document, its link, its Dashboard row or its outbox deletes). */
  'dashboard.reel': reelDetailSchema,
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
