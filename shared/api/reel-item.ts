// One published reel as the feed, creator and hashtag lists send it (API.md "Feed and viewing").
// The server builds items with toReelItem(); the viewer app checks them with reelItemSchema.
import { z } from 'zod'

export const reelItemSchema = z.object({
  id: z.string(),
  status: z.literal('published'),
  creator: z.object({ username: z.string() }),
  caption: z.string(),
  durationMs: z.number().nullable(),
  publishedAt: z.string(),
  posterUrl: z.string(),
  hlsUrl: z.string(),
  /** The same numbers GET /api/reels/:id answers (views are counted views; comments include replies). */
  counts: z.object({ views: z.number(), likes: z.number(), comments: z.number(), shares: z.number() }),
})
export type ReelItem = z.infer<typeof reelItemSchema>

/** What a list query reads from the database for one reel. */
export interface ReelItemRow {
  id: string
  username: string
  caption: string
  durationMs: number | null
  publishedAt: number
  views: number
  likes: number
  comments: number
  shares: number
}

export function toReelItem(row: ReelItemRow, publicUrl: string): ReelItem {
  const media = `${publicUrl}/media/${encodeURIComponent(row.id)}`
  return {
    id: row.id,
    status: 'published',
    creator: { username: row.username },
    caption: row.caption,
    durationMs: row.durationMs,
    publishedAt: new Date(row.publishedAt).toISOString(),
    posterUrl: `${media}/poster.jpg`,
    hlsUrl: `${media}/master.m3u8`,
    counts: { views: row.views, likes: row.likes, comments: row.comments, shares: row.shares },
  }
}

/** A page of any reel list: the feed calls its list `items`, creator and hashtag pages `reels`. */
export const reelListQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})
