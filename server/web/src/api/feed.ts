// The viewer's view of GET /api/feed and GET /api/reels/:id (API.md), with the item schema the
// server builds its answers from (shared/api/reel-item.ts).
import { z } from 'zod'
import { reelItemSchema } from '../../../../shared/api/reel-item'
import { getJson } from './api-client'

/** The fields the app shows; GET /api/reels/:id sends more (status), the feed sends these. */
export const feedReelSchema = reelItemSchema
  .pick({
    id: true,
    creator: true,
    caption: true,
    durationMs: true,
    posterUrl: true,
    hlsUrl: true,
  })
  // Optional: an older server's items have no counts (the rail then asks GET /api/reels/:id) and
  // no sound (the reel then shows no sound line; GET /api/reels/:id says null before publishing).
  .extend({ counts: reelItemSchema.shape.counts.optional(), sound: reelItemSchema.shape.sound.nullish() })
export type FeedReel = z.infer<typeof feedReelSchema>

export const feedPageSchema = z.object({
  items: z.array(feedReelSchema),
  nextCursor: z.string().nullable(),
})
export type FeedPage = z.infer<typeof feedPageSchema>

export function fetchFeed(
  options: { cursor?: string; signal?: AbortSignal; limit?: number } = {},
): Promise<FeedPage> {
  const query = new URLSearchParams({ limit: String(options.limit ?? 10) })
  if (options.cursor) query.set('cursor', options.cursor)
  return getJson(`/api/feed?${query}`, feedPageSchema, options.signal)
}

// A reel that is still processing or was rejected is only shown to its creator in the studio.
const singleReelSchema = feedReelSchema.extend({ status: z.string().optional() })

export async function fetchReel(reelId: string, signal?: AbortSignal): Promise<FeedReel | null> {
  const reel = await getJson(`/api/reels/${encodeURIComponent(reelId)}`, singleReelSchema, signal)
  return reel.status === undefined || reel.status === 'published' ? reel : null
}
