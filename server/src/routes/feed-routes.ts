import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../http/api-error'
import { BadCursorError, createFeedQuery, type FeedRow } from '../feed/feed-query'

const feedQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})

function toFeedItem(row: FeedRow, publicUrl: string) {
  return {
    id: row.id,
    status: 'published' as const,
    creator: { username: row.username },
    caption: row.caption,
    durationMs: row.durationMs,
    publishedAt: new Date(row.publishedAt).toISOString(),
    posterUrl: `${publicUrl}/media/${row.id}/poster.jpg`,
    hlsUrl: `${publicUrl}/media/${row.id}/master.m3u8`,
  }
}

export function registerFeedRoutes(
  app: FastifyInstance,
  db: Database.Database,
  publicUrl: () => string,
): void {
  const listFeed = createFeedQuery(db)

  app.get('/api/feed', async (request) => {
    const query = feedQuerySchema.safeParse(request.query)
    if (!query.success) {
      throw new ApiError(400, 'bad_request', `Bad feed query: ${z.prettifyError(query.error)}`)
    }
    try {
      const page = listFeed(query.data)
      return { items: page.rows.map((row) => toFeedItem(row, publicUrl())), nextCursor: page.nextCursor }
    } catch (error) {
      if (error instanceof BadCursorError) throw new ApiError(400, 'bad_request', error.message)
      throw error
    }
  })
}
