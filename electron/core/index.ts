// The studio core's public entry. Every host — Electron's utilityProcess, the `studio:web` bridge,
// tests — builds the core through createStudioCore and talks to it only in envelopes, so the core
// behaves the same whichever transport carries them.
import { join } from 'node:path'
import { manifestSound } from '../../shared/reel/draft-edit'
import { RpcError, type RpcResponse } from '../../shared/rpc/envelope'
import { createCoreEvents, type CoreEventListener } from './core-events'
import { openStudioDb } from './db'
import { packageVersion } from './package-version'
import { appHandlers } from './domains/app'
import { encodeHandlers } from './domains/encode'
import { draftHandlers } from './domains/drafts'
import { createDraftDocs } from './drafts/draft-docs'
import { createDraftUpdateStore } from './drafts/draft-update-store'
import { createServerLimits } from './drafts/server-limits'
import { createEncodeQueue, type EncodeQueue, type EncodeQueueOptions } from './encode/encode-queue'
import { libraryHandlers } from './domains/library'
import { freeBytesOnDisk, type FreeBytes } from './library/disk-space'
import { libraryDir } from './library/library-folder'
import { createMediaLibrary, type MediaLibrary } from './library/media-library'
import { createReelStore } from './library/reel-store'
import { settingsHandlers, settingsReader } from './domains/settings'
import { createAccountService } from './account/account-service'
import { plaintextVault, type TokenVault } from './account/token-vault'
import { accountHandlers } from './domains/account'
import { uploadHandlers } from './domains/upload'
import { dashboardHandlers } from './domains/dashboard'
import { createCreatorDashboard } from './sync/creator-dashboard'
import { createDraftSync } from './sync/draft-sync'
import { createLiveDocStore } from './sync/live-doc-store'
import { createOutbox } from './sync/outbox'
import { createReelWatch } from './sync/reel-watch'
import { createReelLikes } from './sync/reel-likes'
import { createServerPosters } from './sync/server-posters'
import { createUploadQueue, type UploadTuning } from './upload/upload-queue'
import { soundHandlers } from './domains/sounds'
import { createUsedSounds } from './sounds/used-sounds'
import { createDispatcher, joinHandlers, type CallContext } from './rpc/dispatcher'

export type { CallContext } from './rpc/dispatcher'
export type { CoreEventListener } from './core-events'
export type {
  UtilityInit,
  UtilityInbound,
  UtilityOutbound,
  VaultRequest,
  VaultResponse,
} from './utility-protocol'
export { DatabaseTooNewError } from '../../shared/node/sqlite-migrations'

export interface StudioCoreOptions {
  /** Where the core keeps its database (and, later, the media library). Created if missing. */
  dataDir: string
  /** Folder of NNNN-name.sql files; defaults to the one beside the core's source. */
  migrationsDir?: string
  /** The app's version for app.info; Electron passes app.getVersion(), others read package.json. */
  version?: string
  /** Free space on the library's disk; tests replace it to play a full disk. */
  freeBytes?: FreeBytes
  /** How the account's token is kept at rest: Electron passes a safeStorage vault; default plaintext. */
  vault?: TokenVault
  /** Upload queue tuning (tests: small chunks, a pause per chunk, quick offline probes). */
  upload?: UploadTuning
  /** Live sync tuning (tests: a short reconnect backoff and outbox retry). */
  sync?: { maxBackoffMs?: number; outboxRetryMs?: number }
  /** Encode lease tuning (tests: a short lease, so a closed window's job comes back quickly). */
  encodeLease?: EncodeQueueOptions['lease']
}

export interface StudioCore {
  /** Handles one raw request envelope; always resolves with a response envelope. */
  dispatch(raw: unknown, context: CallContext): Promise<RpcResponse>
  onEvent(listener: CoreEventListener): () => void
  /** For hosts that move media over their own channel (the bridge's PUT /import and GET routes). */
  library: Pick<MediaLibrary, 'importStream' | 'importSoundStream' | 'mediaFile'>
  /** For the bridge's PUT /library/<id>/package/<path>: one file of a running encode. */
  encode: Pick<EncodeQueue, 'putFile'>
  close(): void
}

export function createStudioCore(options: StudioCoreOptions): StudioCore {
  const store = openStudioDb(options)
  const events = createCoreEvents()
  const library = createMediaLibrary({
    db: store.db,
    events,
    dataDir: options.dataDir,
    freeBytes: options.freeBytes,
  })
  // After the library: its start-up sweep runs first, then the queue restarts interrupted encodes.
  const encode = createEncodeQueue({
    db: store.db,
    events,
    store: createReelStore(store.db),
    library: libraryDir(options.dataDir),
    lease: options.encodeLease,
    // Read when the package is written: the draft is not editable while it encodes.
    manifestSound: (reelId, soundFile) => manifestSound(drafts.edit(reelId), soundFile),
  })
  const drafts = createDraftDocs({
    updates: createDraftUpdateStore(store.db),
    reels: createReelStore(store.db),
    events,
  })
  // A deleted item's rows go by foreign key; its in-memory document must go too.
  events.subscribe((name, payload) => {
    if (name === 'library.changed' && (payload as { change: string }).change === 'deleted')
      drafts.forget((payload as { id: string }).id)
  })
  const serverLimits = createServerLimits({
    serverUrl: async () => (await handlers['settings.get']({}, { transport: 'web-bridge' })).serverUrl,
  })
  const readSettings = settingsReader(store.db)
  const account = createAccountService({
    db: store.db,
    events,
    vault: options.vault ?? plaintextVault,
    defaultServerUrl: () => readSettings().serverUrl,
  })
  const uploads = createUploadQueue({
    db: store.db,
    events,
    reels: createReelStore(store.db),
    account,
    library: libraryDir(options.dataDir),
    concurrency: () => readSettings().uploadConcurrency,
    tuning: options.upload,
  })
  const likes = createReelLikes({ db: store.db })
  const outbox = createOutbox({
    db: store.db,
    session: () => account.session(),
    onChange: () => dashboard.changed(),
    onSent: (session, write) => likes.sent(session, write),
    retryBaseMs: options.sync?.outboxRetryMs,
  })
  const dashboard = createCreatorDashboard({
    account,
    store: createLiveDocStore(store.db),
    reels: createReelStore(store.db),
    outbox,
    likes,
    events,
    notificationsOn: () => readSettings().notifications,
    maxBackoffMs: options.sync?.maxBackoffMs,
  })
  void dashboard.start()
  const reelWatch = createReelWatch({
    account,
    dashboard,
    outbox,
    events,
    maxBackoffMs: options.sync?.maxBackoffMs,
  })
  const draftSync = createDraftSync({
    account,
    drafts,
    reels: createReelStore(store.db),
    events,
    maxBackoffMs: options.sync?.maxBackoffMs,
  })
  void draftSync.start()
  const usedSounds = createUsedSounds({
    library: libraryDir(options.dataDir),
    account,
    drafts,
    store: createReelStore(store.db),
    events,
    freeBytes: options.freeBytes ?? freeBytesOnDisk,
  })
  const handlers = joinHandlers({
    app: appHandlers({
      dataDir: options.dataDir,
      schemaVersion: store.schemaVersion,
      version: options.version ?? packageVersion(),
    }),
    settings: settingsHandlers({ db: store.db, events }),
    library: libraryHandlers(library),
    encode: encodeHandlers(encode),
    account: accountHandlers(account),
    upload: uploadHandlers(uploads),
    drafts: draftHandlers(drafts, serverLimits),
    dashboard: dashboardHandlers({
      account,
      dashboard,
      outbox,
      posters: createServerPosters({ dir: join(options.dataDir, 'server-posters') }),
      reelWatch,
    }),
    sounds: soundHandlers(usedSounds),
  })
  const dispatcher = createDispatcher(handlers)
  let closed = false
  return {
    async dispatch(raw, context) {
      if (!closed) return dispatcher.dispatch(raw, context)
      // A request that races shutdown gets an honest "try later", not a closed-database crash.
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
      return {
        type: 'response',
        id,
        ok: false,
        error: { code: 'unavailable', message: 'The studio core is shutting down' },
      }
    },
    onEvent: (listener) => events.subscribe(listener),
    library: {
      importStream: (input) =>
        closed
          ? Promise.reject(new RpcError('unavailable', 'The studio core is shutting down'))
          : library.importStream(input),
      importSoundStream: (id, input) =>
        closed
          ? Promise.reject(new RpcError('unavailable', 'The studio core is shutting down'))
          : library.importSoundStream(id, input),
      mediaFile: (id, part) => (closed ? null : library.mediaFile(id, part)),
    },
    encode: {
      putFile: (input) =>
        closed
          ? Promise.reject(new RpcError('unavailable', 'The studio core is shutting down'))
          : encode.putFile(input),
    },
    close() {
      if (closed) return
      closed = true
      library.cancelAll()
      usedSounds.cancelAll()
      encode.close()
      uploads.close()
      reelWatch.close()
      dashboard.close()
      draftSync.close()
      outbox.close()
      likes.close()
      drafts.close()
      store.close()
    },
  }
}
