// The Spool server: one node:http server, a raw router for the hot paths and the static viewer
// app, fastify for the API, and the database. createSpoolServer() opens the database (so a bad
// one fails before anything listens); listen() and close() are the only lifecycle there is.
import Fastify, { type FastifyBaseLogger } from 'fastify'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ServerConfig } from './config'
import { openDatabase } from './db'
import { installErrorHandlers } from './http/error-handlers'
import { createRawRouter, underPath, type RawRoute } from './http/raw-router'
import { createViewerAppHandler } from './http/viewer-app'
import { createAccountStore } from './accounts/account-store'
import { createAuthenticator } from './accounts/authenticate'
import { LoginThrottle } from './accounts/login-throttle'
import { createSessionStore } from './accounts/sessions'
import { createCommentStore } from './engagement/comment-store'
import { createFollowStore } from './engagement/follow-store'
import { createGuardedWrites } from './engagement/guarded-write'
import { createHiddenCreatorStore } from './engagement/hidden-creator-store'
import { createIdempotencyStore } from './engagement/idempotency'
import { SlidingWindowLimiter } from './engagement/rate-limiter'
import { createReelEngagementStore } from './engagement/reel-engagement-store'
import { createShareStore } from './engagement/share-store'
import { createIngestStore } from './ingest/ingest-store'
import { createIngestWorker } from './ingest/ingest-worker'
import { createTusIngest } from './ingest/tus-ingest'
import { createMediaCache } from './media/media-cache'
import { createMediaIndex } from './media/media-index'
import { createMediaHandler } from './media/media-route'
import { createMediaTree } from './media/media-tree'
import { registerAdminReelRoutes } from './routes/admin-reel-routes'
import { registerAuthRoutes } from './routes/auth-routes'
import { registerCatalogRoutes } from './routes/catalog-routes'
import { registerEngagementRoutes } from './routes/engagement-routes'
import { registerFeedRoutes } from './routes/feed-routes'
import { registerHealthRoutes } from './routes/health-routes'
import { registerLimitsRoutes } from './routes/limits-routes'
import { registerReelRoutes } from './routes/reel-routes'
import { registerSearchRoutes } from './routes/search-routes'
import { registerSoundRoutes } from './routes/sound-routes'
import { registerTestRoutes } from './routes/test-routes'
import { createLiveSync } from './sync/live-sync'
import { registerSyncTestRoutes } from './sync/sync-test-routes'

export interface SpoolServer {
  /** Starts listening; resolves with the URL it listens on (e.g. http://127.0.0.1:8080). */
  listen(): Promise<string>
  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes the database. */
  close(): Promise<void>
  readonly log: FastifyBaseLogger
  /** SPOOL_PUBLIC_URL, or the listening URL once listening. */
  readonly publicUrl: string
}

export interface SpoolServerOptions {
  migrationsDir?: string
}

function viewerAppPaths(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const path = url.pathname
  return path !== '/api' && !path.startsWith('/api/') && path !== '/healthz'
}

function listeningUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::'
  const host = wildcard ? '127.0.0.1' : address.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
}

export function createSpoolServer(config: ServerConfig, options: SpoolServerOptions = {}): SpoolServer {
  const database = openDatabase(config.database, { migrationsDir: options.migrationsDir })
  let url: string | undefined
  let closing = false
  const publicUrl = () => config.publicUrl ?? url ?? `http://${config.host}:${config.port}`

  // Ingest: tus uploads become durable jobs that one worker checks and publishes.
  const accounts = createAccountStore(database.db)
  const sessions = createSessionStore(database.db)
  const auth = createAuthenticator(accounts, sessions)
  const ingestStore = createIngestStore(database.db)
  // The one published tree: ingest publishes into it, the admin reel routes remove and restore.
  const mediaTree = createMediaTree(database.db, config.dataDir)
  const mediaIndex = createMediaIndex(database.db)
  mediaTree.onStatusChange((reelId) => mediaIndex.forget(reelId))
  const tusIngest = createTusIngest({
    dataDir: config.dataDir,
    limits: config.limits,
    auth,
    store: ingestStore,
    onJobQueued: () => ingestWorker.wake(),
    log: () => app.log,
  })
  const ingestWorker = createIngestWorker({
    dataDir: config.dataDir,
    uploadsDir: tusIngest.uploadsDir,
    limits: config.limits,
    store: ingestStore,
    tree: mediaTree,
    removeUpload: tusIngest.removeUpload,
    // The creator's live dashboard gets the new reel at once, not at its next engagement event.
    onPublished: (reel) => liveSync.publisher.reelPublished(reel),
    log: () => app.log,
  })
  let cleanUploads: NodeJS.Timeout | undefined

  // Live sync: y-websocket on the upgrade event, documents the engagement routes keep current.
  const liveSync = createLiveSync({
    db: database.db,
    auth,
    config: config.liveSync,
    log: () => app.log,
    trustedOrigins: () => [new URL(publicUrl()).origin],
  })
  // A removed reel's viewers are closed and its creator's dashboard marks it; a restore undoes that.
  mediaTree.onStatusChange((reelId) => liveSync.publisher.reelStatusChanged(reelId))

  // The raw-route table: tus (/api/uploads) and media delivery (/media/) skip fastify.
  const rawRoutes: RawRoute[] = [
    { name: 'tus uploads', matches: underPath('/api/uploads'), handle: tusIngest.handle },
    {
      name: 'media',
      matches: underPath('/media'),
      handle: createMediaHandler(mediaIndex, config.dataDir, {
        cache: config.mediaCacheBytes > 0 ? createMediaCache(config.mediaCacheBytes) : undefined,
      }),
    },
    { name: 'viewer app', matches: viewerAppPaths, handle: createViewerAppHandler(config.webDir) },
  ]

  const app = Fastify({
    logger: { level: config.logLevel },
    // Requests that arrive on a kept-alive connection while we drain are still served (with
    // Connection: close) instead of getting fastify's 503, whose body is not our error shape.
    return503OnClosing: false,
    serverFactory: (fastifyHandler) => {
      const route = createRawRouter(rawRoutes, fastifyHandler, () => app.log)
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        if (closing) res.shouldKeepAlive = false
        // server.close() only reaps connections idle at that moment; one that finishes its
        // in-flight request afterwards would otherwise keep the process alive.
        res.once('finish', () => {
          if (closing) setImmediate(() => server.closeIdleConnections())
        })
        route(req, res)
      })
      server.on('upgrade', (req, socket, head) => {
        if (liveSync.matches(req)) liveSync.handleUpgrade(req, socket, head)
        else socket.destroy()
      })
      return server
    },
  })

  installErrorHandlers(app)
  // Views are written in batches (engagement/view-write-queue.ts); a read sees every view
  // answered before it.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') reelEngagement.flushViews()
  })
  registerHealthRoutes(app)
  registerLimitsRoutes(app, config.limits)
  registerFeedRoutes(app, {
    db: database.db,
    auth,
    publicUrl,
    trendingRebuildAfterMs: config.trendingRebuildAfterMs,
  })
  registerSearchRoutes(app, database.db, publicUrl)
  registerSoundRoutes(app, database.db, publicUrl)
  const follows = createFollowStore(database.db)
  const hiddenCreators = createHiddenCreatorStore(database.db)
  registerCatalogRoutes(app, database.db, publicUrl, { auth, follows, hidden: hiddenCreators })
  const reelEngagement = createReelEngagementStore(database.db, Date.now, {
    maxDelayMs: config.viewFlushMs,
    maxRows: 500,
    onError: (error) => app.log.error({ err: error }, 'views: a view could not be stored'),
  })
  const idempotency = createIdempotencyStore(database.db)
  registerReelRoutes(app, { db: database.db, auth, publicUrl, counts: reelEngagement.counts, follows })
  registerEngagementRoutes(app, {
    auth,
    accounts,
    reels: reelEngagement,
    comments: createCommentStore(database.db),
    follows,
    shares: createShareStore(database.db),
    hidden: hiddenCreators,
    anonymousShares: new SlidingWindowLimiter({
      limit: config.writeRateLimits.anonymousSharesPerAddressPerHour,
      windowMs: 3600_000,
    }),
    live: {
      ...liveSync.publisher,
      // The documents read the counts from the database: publish once the view is written.
      viewCounted: (reel) => reelEngagement.afterViewsStored(() => liveSync.publisher.viewCounted(reel)),
    },
    write: createGuardedWrites(app, {
      auth,
      idempotency,
      limiters: {
        perUser: new SlidingWindowLimiter({
          limit: config.writeRateLimits.perUserPerMinute,
          windowMs: 60_000,
        }),
        perAddress: new SlidingWindowLimiter({
          limit: config.writeRateLimits.perAddressPerMinute,
          windowMs: 60_000,
        }),
      },
    }),
  })
  registerAuthRoutes(app, {
    accounts,
    sessions,
    auth,
    throttles: {
      account: new LoginThrottle({ freeFailures: 5 }),
      address: new LoginThrottle({ freeFailures: 50 }),
    },
    secureCookies: () => publicUrl().startsWith('https:'),
  })
  const purgeSessions = setInterval(() => {
    sessions.purgeExpired()
    idempotency.purgeExpired()
  }, 3600_000).unref()
  registerAdminReelRoutes(app, { db: database.db, auth, tree: mediaTree })
  if (config.testRoutes) registerTestRoutes(app)
  if (config.testRoutes) registerSyncTestRoutes(app, liveSync)

  return {
    get log() {
      return app.log
    },
    get publicUrl() {
      return publicUrl()
    },

    async listen() {
      try {
        // Before anything listens: no half-published reel may be visible, and jobs a crash
        // interrupted run again (ingest-worker.ts explains the order).
        await ingestWorker.recover()
        await app.listen({ host: config.host, port: config.port })
      } catch (error) {
        database.close()
        throw error
      }
      url = listeningUrl(app.server.address() as AddressInfo)
      ingestWorker.wake()
      const cleanUp = () =>
        void tusIngest
          .cleanUpExpired()
          .catch((error: unknown) => app.log.error({ err: error }, 'ingest: cleanup failed'))
      cleanUp()
      cleanUploads = setInterval(cleanUp, config.uploadCleanupIntervalMs).unref()
      return url
    },

    async close() {
      if (closing) return
      closing = true
      clearInterval(purgeSessions)
      clearInterval(cleanUploads)
      // WebSockets would hold the http server open for the whole grace period.
      await liveSync.close()
      const graceMs = config.shutdownGraceMs
      app.log.info({ graceMs }, 'shutdown: no longer accepting connections, waiting for in-flight requests')
      const closed = app.close()
      let timer: NodeJS.Timeout | undefined
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), graceMs)
      })
      if ((await Promise.race([closed, expired])) === 'expired') {
        app.log.warn('shutdown: grace period over, closing the remaining connections')
        app.server.closeAllConnections()
        await closed
      }
      clearTimeout(timer)
      app.log.info('shutdown: http server closed')
      // A job in progress finishes (or is redone at the next start); none starts now.
      // No request is running any more: the views still waiting are written before the database closes.
      reelEngagement.flushViews()
      await ingestWorker.stop()
      database.close()
      app.log.info('shutdown: database closed')
    },
  }
}
