// GET /api/feed (ranked for the caller, or trending + fresh when signed out; ranked-feed.ts) and
// GET /api/trending (hashtags and sounds; trending.ts).
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError } from '../http/api-error'
import type { Authenticator } from '../accounts/authenticate'
import { reelListQuerySchema, toReelItem } from '../../../shared/api/reel-item'
import { BadFeedCursorError } from '../feed/feed-snapshots'
import { createRankedFeed } from '../feed/ranked-feed'
import { createTrending } from '../feed/trending'

export function registerFeedRoutes(
  app: FastifyInstance,
  deps: {
    db: Database.Database
    auth: Authenticator
    publicUrl: () => string
    trendingRebuildAfterMs: number
  },
): void {
  const trending = createTrending(deps.db, {
    // Another process's writes: rebuilt that long after, and at most once per 12 such delays (a
    // minute by default), since a rebuild holds the event loop for seconds at 100k reels.
    rebuildAfterMs: deps.trendingRebuildAfterMs,
    minRebuildGapMs: 12 * deps.trendingRebuildAfterMs,
    onRebuildError: (error) => app.log.error({ err: error }, 'rebuilding trending failed'),
  })
  const feedPage = createRankedFeed(deps.db, trending)

  app.get('/api/feed', async (request) => {
    const query = reelListQuerySchema.safeParse(request.query)
    if (!query.success) {
      throw new ApiError(400, 'bad_request', `Bad feed query: ${z.prettifyError(query.error)}`)
    }
    const caller = deps.auth.authenticate(request.method, request.headers)
    try {
      const page = feedPage(caller?.user.id ?? null, query.data)
      return { items: page.rows.map((row) => toReelItem(row, deps.publicUrl())), nextCursor: page.nextCursor }
    } catch (error) {
      if (error instanceof BadFeedCursorError) throw new ApiError(400, 'bad_request', error.message)
      throw error
    }
  })

  app.get('/api/trending', async () => {
    const { hashtags, sounds } = trending()
    return { hashtags, sounds }
  })
}
