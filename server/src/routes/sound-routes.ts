// GET /api/sounds/:id (the "sounds" contract): a sound — named by the reel it comes from — with
// its title, creator, the source's poster and stream, how many published reels use it, and those
// reels (sound-reels.ts). Public like the hashtag pages. A source that is unknown or not published
// is 404 `sound_not_found`; one removed by moderation is 410 `sound_removed`, like its media.
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { reelMediaUrls, toReelItem } from '../../../shared/api/reel-item'
import { isReelId } from '../../../shared/reel/reel-id'
import { ApiError } from '../http/api-error'
import { createSoundReels } from '../sounds/sound-reels'
import { reelListQuery, withListCursor } from './reel-list-request'

const notFound = () => new ApiError(404, 'sound_not_found', 'There is no such sound on this server.')

export function registerSoundRoutes(
  app: FastifyInstance,
  db: Database.Database,
  publicUrl: () => string,
): void {
  const sounds = createSoundReels(db)

  app.get<{ Params: { soundId: string } }>('/api/sounds/:soundId', async (request) => {
    const { soundId } = request.params
    // An id that is not a reel id cannot name a sound: the same answer as an unknown one.
    const source = isReelId(soundId) ? sounds.source(soundId) : undefined
    if (source?.status === 'removed') {
      throw new ApiError(410, 'sound_removed', 'The reel this sound comes from was removed.')
    }
    if (source?.status !== 'published') throw notFound()
    const query = reelListQuery(request.query)
    const page = withListCursor(() => sounds.page(soundId, query))
    // Unpublished between the two reads.
    if (!page) throw notFound()
    const base = publicUrl()
    return {
      sound: {
        id: source.id,
        title: source.title,
        creator: source.creator,
        ...reelMediaUrls(base, source.id),
        durationMs: source.durationMs,
        reels: page.reels,
      },
      items: page.rows.map((row) => toReelItem(row, base)),
      nextCursor: page.nextCursor,
    }
  })
}
