// A sound's page (GET /api/sounds/:id): the sound, named by the reel it comes from, and the reels
// that use it. Its list is called `items` like the feed's; the page hands it on as `reels`, the
// name the poster grid's "Show more" (use-more-reels.ts) shares with creator and hashtag pages.
import { z } from 'zod'
import { getJson } from './api-client'
import { listQuery } from './catalog'
import { feedReelSchema } from './feed'

export const soundPageSchema = z
  .object({
    sound: z.object({
      id: z.string(),
      title: z.string(),
      creator: z.string(),
      posterUrl: z.string(),
      durationMs: z.number().nullable(),
      /** Published reels using the sound, its source included. */
      reels: z.number(),
    }),
    items: z.array(feedReelSchema),
    nextCursor: z.string().nullable(),
  })
  .transform(({ items, ...rest }) => ({ ...rest, reels: items }))
export type SoundPageData = z.infer<typeof soundPageSchema>

export function fetchSound(soundId: string, cursor?: string, signal?: AbortSignal): Promise<SoundPageData> {
  return getJson(`/api/sounds/${encodeURIComponent(soundId)}?${listQuery(cursor)}`, soundPageSchema, signal)
}
