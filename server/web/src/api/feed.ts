// The viewer's view of GET /api/feed (API.md). Only the fields the app shows are checked.
import { z } from 'zod'
import { getJson } from './api-client'

export const feedReelSchema = z.object({
  id: z.string(),
  creator: z.object({ username: z.string() }),
  caption: z.string(),
  durationMs: z.number().nullable(),
  posterUrl: z.string(),
  hlsUrl: z.string(),
})
export type FeedReel = z.infer<typeof feedReelSchema>

export const feedPageSchema = z.object({
  items: z.array(feedReelSchema),
  nextCursor: z.string().nullable(),
})
export type FeedPage = z.infer<typeof feedPageSchema>

export function fetchFeed(options: { cursor?: string; signal?: AbortSignal } = {}): Promise<FeedPage> {
  const query = new URLSearchParams({ limit: '10' })
  if (options.cursor) query.set('cursor', options.cursor)
  return getJson(`/api/feed?${query}`, feedPageSchema, options.signal)
}

export function fetchReel(reelId: string, signal?: AbortSignal): Promise<FeedReel> {
  return getJson(`/api/reels/${encodeURIComponent(reelId)}`, feedReelSchema, signal)
}
