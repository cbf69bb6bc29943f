// The viewer's catalog pages: a creator's published reels (GET /api/users/:username) and a
// hashtag's (GET /api/hashtags/:tag/reels), newest first, in the feed's item shape and paging.
// A creator's page also says how many followers, followed accounts and published reels they
// have, and a signed-in caller gets `viewer: { following, hidden }` about that creator.
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { usernameSchema } from '../../../shared/accounts'
import type { Authenticator } from '../accounts/authenticate'
import { callerIfValid } from '../accounts/caller-if-valid'
import type { FollowStore } from '../engagement/follow-store'
import type { HiddenCreatorStore } from '../engagement/hidden-creator-store'
import { toReelItem } from '../../../shared/api/reel-item'
import { createReelListQuery } from '../feed/feed-query'
import { ApiError } from '../http/api-error'
import { reelListQuery, withListCursor } from './reel-list-request'

// The same characters shared/caption-entities.ts accepts in a #tag, which is how tags get stored.
const tagSchema = z
  .string()
  .transform((tag) => tag.replace(/^#/, '').toLowerCase())
  .pipe(z.string().regex(/^[\p{L}\p{M}\p{N}_]{1,100}$/u))

interface UserRow {
  id: string
  username: string
  createdAt: number
}

export interface CatalogViewerDeps {
  auth: Authenticator
  follows: Pick<FollowStore, 'followerCount' | 'followingCount' | 'isFollowing'>
  hidden: Pick<HiddenCreatorStore, 'isHidden'>
}

export function registerCatalogRoutes(
  app: FastifyInstance,
  db: Database.Database,
  publicUrl: () => string,
  people: CatalogViewerDeps,
): void {
  const userByName = db.prepare<[string], UserRow>(
    'SELECT id, username, created_at AS createdAt FROM users WHERE username = ?',
  )
  const publishedCount = db
    .prepare<[string], number>("SELECT COUNT(*) FROM reels WHERE creator_id = ? AND status = 'published'")
    .pluck()
  const byCreator = createReelListQuery<[string]>(db, 'r.creator_id = ?')
  const byTag = createReelListQuery<[string]>(db, 'r.id IN (SELECT reel_id FROM reel_hashtags WHERE tag = ?)')

  app.get('/api/users/:username', async (request, reply) => {
    const { username: raw } = request.params as { username: string }
    const username = usernameSchema.safeParse(raw)
    // A name that breaks the rules cannot belong to anyone: the same answer as an unknown one.
    const user = username.success ? userByName.get(username.data) : undefined
    if (!user) throw new ApiError(404, 'user_not_found', `No account named "${raw}".`)
    const query = reelListQuery(request.query)
    const result = withListCursor(() => byCreator([user.id], query))
    const caller = callerIfValid(people.auth, request.method, request.headers)
    if (caller) reply.header('cache-control', 'private, no-store')
    return {
      user: {
        username: user.username,
        createdAt: new Date(user.createdAt).toISOString(),
        followers: people.follows.followerCount(user.id),
        following: people.follows.followingCount(user.id),
        reels: publishedCount.get(user.id)!,
      },
      ...(caller && {
        viewer: {
          following: people.follows.isFollowing(caller.user.id, user.id),
          hidden: people.hidden.isHidden(caller.user.id, user.id),
        },
      }),
      reels: result.rows.map((row) => toReelItem(row, publicUrl())),
      nextCursor: result.nextCursor,
    }
  })

  app.get('/api/hashtags/:tag/reels', async (request) => {
    const tag = tagSchema.safeParse((request.params as { tag: string }).tag)
    if (!tag.success) {
      throw new ApiError(400, 'bad_request', 'A hashtag is letters, digits and "_" (up to 100).')
    }
    const query = reelListQuery(request.query)
    const result = withListCursor(() => byTag([tag.data], query))
    return {
      tag: tag.data,
      reels: result.rows.map((row) => toReelItem(row, publicUrl())),
      nextCursor: result.nextCursor,
    }
  })
}
