import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../http/api-error'
import { reelListQuerySchema, toReelItem } from '../../../shared/api/reel-item'
import { BadCursorError, createFeedQuery } from '../feed/feed-query'

export function registerFeedRoutes(
  app: FastifyInstance,
  db: Database.Database,
  publicUrl: () => string,
): void {
  const listFeed = createFeedQuery(db)

  app.get('/api/feed', async (request) => {
    const query = reelListQuerySchema.safeParse(request.query)
    if (!query.success) {
      throw new ApiError(400, 'bad_request', `Bad feed query: ${z.prettifyError(query.error)}`)
    }
    try {
      const page = listFeed(query.data)
      return { items: page.rows.map((row) => toReelItem(row, publicUrl())), nextCursor: page.nextCursor }
    } catch (error) {
      if (error instanceof BadCursorError) throw new ApiError(400, 'bad_request', error.message)
      throw error
    }
  })
}
