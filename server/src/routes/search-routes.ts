// GET /api/search?q=…: creators, hashtags and reels (search-store.ts). A query that is too long is
// a 400; one with nothing searchable in it (only punctuation, FTS operators…) finds nothing.
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { toReelItem } from '../../../shared/api/reel-item'
import { ApiError } from '../http/api-error'
import { BadSearchQueryError, parseSearchQuery } from '../search/search-query'
import { createSearchStore } from '../search/search-store'

export function registerSearchRoutes(
  app: FastifyInstance,
  db: Database.Database,
  publicUrl: () => string,
): void {
  const search = createSearchStore(db)

  app.get('/api/search', async (request) => {
    const { q } = request.query as { q?: unknown }
    if (typeof q !== 'string') {
      throw new ApiError(400, 'bad_request', 'Say what to search for: /api/search?q=…')
    }
    try {
      const results = search(parseSearchQuery(q))
      return { ...results, reels: results.reels.map((row) => toReelItem(row, publicUrl())) }
    } catch (error) {
      if (error instanceof BadSearchQueryError) throw new ApiError(400, 'bad_request', error.message)
      throw error
    }
  })
}
