// Only when SPOOL_TEST_ROUTES=1: lets integration tests and the fan-out benchmark see how many
// live documents are in memory and what the process uses, to prove idle documents are freed.
import type { FastifyInstance } from 'fastify'
import type { LiveSync } from './live-sync'

export function registerSyncTestRoutes(app: FastifyInstance, liveSync: LiveSync): void {
  app.get('/api/test/sync-stats', async (request) => {
    // ?gc=1 collects garbage first (node --expose-gc) so heap numbers show what is really held.
    const query = request.query as Record<string, string | undefined>
    if (query.gc === '1') globalThis.gc?.()
    return liveSync.stats()
  })
}
