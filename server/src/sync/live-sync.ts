// Live sync put together (API.md "Live sync"): the document store, the in-memory hub, the
// publisher the engagement routes call, and the WebSocket endpoint app.ts hooks into its
// node:http server's `upgrade` event.
import type Database from 'better-sqlite3'
import type { FastifyBaseLogger } from 'fastify'
import type { Authenticator } from '../accounts/authenticate'
import { createDocStore } from './doc-store'
import { createDraftAwareness } from './draft-awareness'
import { createLiveDocHub } from './live-doc-hub'
import { createLivePublisher } from './live-publisher'
import { createLiveQueries } from './live-queries'
import type { LiveSyncConfig } from './live-sync-config'
import { createSyncServer } from './sync-server'

export function createLiveSync(deps: {
  db: Database.Database
  auth: Authenticator
  config: LiveSyncConfig
  log: () => FastifyBaseLogger
  trustedOrigins: () => readonly string[]
}) {
  const queries = createLiveQueries(deps.db)
  const awareness = createDraftAwareness()
  const hub = createLiveDocHub({
    store: createDocStore(deps.db, { compactAfter: deps.config.compactAfterUpdates }),
    unloadAfterMs: deps.config.unloadAfterMs,
    onLoad: (doc) => publisher.refresh(doc),
    onUnload: (doc) => awareness.drop(doc),
  })
  const publisher = createLivePublisher({
    hub,
    queries,
    intervalMs: deps.config.writeIntervalMs,
    onError: (error, doc) => deps.log().error({ err: error, doc }, 'sync: server write failed'),
  })
  const server = createSyncServer({
    hub,
    awareness,
    limits: deps.config,
    log: deps.log,
    auth: deps.auth,
    reelStatus: (reelId) => queries.reel(reelId)?.status,
    trustedOrigins: deps.trustedOrigins,
  })

  return {
    publisher,
    matches: server.matches,
    handleUpgrade: server.handleUpgrade,
    stats: () => ({ ...hub.stats(), ...server.sendStats(), memory: process.memoryUsage() }),
    /** Flushes pending server writes, then closes every connection. Before the database closes. */
    async close(): Promise<void> {
      publisher.stop()
      await server.close()
    },
  }
}

export type LiveSync = ReturnType<typeof createLiveSync>
