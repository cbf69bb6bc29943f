// Routes that exist only when SPOOL_TEST_ROUTES=1, so that integration tests can hold a request
// open (to prove graceful shutdown lets it finish) without timing races on real work.
import type { FastifyInstance } from 'fastify'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'

const slowQuery = z.object({ ms: z.coerce.number().int().min(0).max(30_000).default(1_000) })

export function registerTestRoutes(app: FastifyInstance): void {
  app.get('/api/test/slow', async (request) => {
    const { ms } = slowQuery.parse(request.query)
    await sleep(ms)
    return { ok: true, sleptMs: ms }
  })
}
