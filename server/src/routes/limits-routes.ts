import type { FastifyInstance } from 'fastify'
import { publicLimits, type Limits } from '../limits'

export function registerLimitsRoutes(app: FastifyInstance, limits: Limits): void {
  const body = publicLimits(limits)
  app.get('/api/limits', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60')
    return body
  })
}
