// The creator and hashtag pages' requests (GET /api/users/:username, GET /api/hashtags/:tag/reels).
import { z } from 'zod'
import { getJson } from './api-client'
import { feedReelSchema } from './feed'

const GRID_PAGE = '30'

export const creatorPageSchema = z.object({
  user: z.object({
    username: z.string(),
    createdAt: z.string(),
    followers: z.number(),
    following: z.number(),
    /** Published reels. */
    reels: z.number(),
  }),
  /** Only for a signed-in caller: whether they follow this creator and hid them from their feed. */
  viewer: z.object({ following: z.boolean(), hidden: z.boolean() }).optional(),
  reels: z.array(feedReelSchema),
  nextCursor: z.string().nullable(),
})
export type CreatorPageData = z.infer<typeof creatorPageSchema>

export const tagPageSchema = z.object({
  tag: z.string(),
  reels: z.array(feedReelSchema),
  nextCursor: z.string().nullable(),
})
export type TagPageData = z.infer<typeof tagPageSchema>

/** `?limit=&cursor=` for one page of a poster grid. */
export function listQuery(cursor?: string): string {
  const query = new URLSearchParams({ limit: GRID_PAGE })
  if (cursor) query.set('cursor', cursor)
  return query.toString()
}

export function fetchCreator(username: string, cursor?: string, signal?: AbortSignal) {
  return getJson(`/api/users/${encodeURIComponent(username)}?${listQuery(cursor)}`, creatorPageSchema, signal)
}

export function fetchTagReels(tag: string, cursor?: string, signal?: AbortSignal) {
  return getJson(`/api/hashtags/${encodeURIComponent(tag)}/reels?${listQuery(cursor)}`, tagPageSchema, signal)
}
