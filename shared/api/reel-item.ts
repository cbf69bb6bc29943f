// One published reel as the feed, creator, hashtag and sound lists send it (API.md "Feed and
// viewing"). The server builds items with toReelItem(); the viewer app checks them with reelItemSchema.
import { z } from 'zod'

/**
 * The sound a reel uses. A sound is named by the reel it comes from: the manifest's
 * `sound.sourceReelId`, or the reel itself for an original sound. Title and creator come from that
 * source reel while it is published; otherwise the title is the reel's own manifest's and the
 * creator is null (the source is unknown to this server, or no longer public).
 */
export const reelSoundSchema = z.object({
  id: z.string(),
  title: z.string(),
  creator: z.string().nullable(),
})
export type ReelSound = z.infer<typeof reelSoundSchema>

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
  sound: reelSoundSchema,
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
  soundId: string
  soundTitle: string
  soundCreator: string | null
}

export function toReelSound(row: Pick<ReelItemRow, 'soundId' | 'soundTitle' | 'soundCreator'>): ReelSound {
  return { id: row.soundId, title: row.soundTitle, creator: row.soundCreator }
}

/** Where a published reel's poster and master playlist are served (API.md "Delivery"). */
export function reelMediaUrls(publicUrl: string, reelId: string): { posterUrl: string; hlsUrl: string } {
  const media = `${publicUrl}/media/${encodeURIComponent(reelId)}`
  return { posterUrl: `${media}/poster.jpg`, hlsUrl: `${media}/master.m3u8` }
}

export function toReelItem(row: ReelItemRow, publicUrl: string): ReelItem {
  return {
    id: row.id,
    status: 'published',
    creator: { username: row.username },
    caption: row.caption,
    durationMs: row.durationMs,
    publishedAt: new Date(row.publishedAt).toISOString(),
    ...reelMediaUrls(publicUrl, row.id),
    counts: { views: row.views, likes: row.likes, comments: row.comments, shares: row.shares },
    sound: toReelSound(row),
  }
}

/** A page of any reel list: the feed calls its list `items`, creator and hashtag pages `reels`. */
export const reelListQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})
