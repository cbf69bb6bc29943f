// GET /api/reels/:reelId (API.md "Uploads"): one reel as uploaders and viewers see it. Published
// reels are public; a reel still processing, rejected or removed is shown only to its creator and
// to moderators and admins — everyone else gets 404 (410 for a removed one, like its media).
// A signed-in caller also gets `viewer: { liked, following }` — whether they like the reel and
// follow its creator — so every device shows the same state. `sound` is the sound the reel uses
// (shared/api/reel-item.ts), null for a reel that was never published (its manifest is not read yet).
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { isReelId } from '../../../shared/reel/reel-id'
import type { ReelCounts } from '../../../shared/api/engagement'
import { toReelSound, type ReelItemRow } from '../../../shared/api/reel-item'
import type { Authenticator } from '../accounts/authenticate'
import { callerIfValid } from '../accounts/caller-if-valid'
import type { FollowStore } from '../engagement/follow-store'
import { reelSoundColumns } from '../feed/feed-query'
import { ApiError } from '../http/api-error'

interface ReelRow extends Pick<ReelItemRow, 'soundId' | 'soundTitle' | 'soundCreator'> {
  id: string
  status: 'processing' | 'published' | 'rejected' | 'removed'
  creatorId: string
  username: string
  caption: string
  durationMs: number | null
  rejectReason: string | null
  rejectMessage: string | null
}

export function registerReelRoutes(
  app: FastifyInstance,
  deps: {
    db: Database.Database
    auth: Authenticator
    publicUrl: () => string
    counts: (reelId: string) => ReelCounts
    follows: Pick<FollowStore, 'isFollowing'>
  },
): void {
  const reelById = deps.db.prepare<[string], ReelRow>(
    `SELECT r.id, r.status, r.creator_id AS creatorId, u.username, r.caption, r.duration_ms AS durationMs,
        r.reject_reason AS rejectReason, r.reject_message AS rejectMessage, ${reelSoundColumns}
      FROM reels r JOIN users u ON u.id = r.creator_id WHERE r.id = ?`,
  )
  const hashtagsOf = deps.db.prepare<[string], { tag: string }>(
    'SELECT tag FROM reel_hashtags WHERE reel_id = ? ORDER BY rowid',
  )
  const likedBy = deps.db
    .prepare<[string, string], number>('SELECT 1 FROM reel_likes WHERE reel_id = ? AND user_id = ?')
    .pluck()

  app.get<{ Params: { reelId: string } }>('/api/reels/:reelId', async (request, reply) => {
    const { reelId } = request.params
    const row = isReelId(reelId) ? reelById.get(reelId) : undefined
    if (!row) throw new ApiError(404, 'not_found', 'There is no such reel.')
    const published = row.status === 'published'
    // Only a reel still private needs the caller's credentials to be good (401 otherwise).
    const caller = published
      ? callerIfValid(deps.auth, request.method, request.headers)
      : deps.auth.authenticate(request.method, request.headers)
    // Who may see it, or what `viewer` says, depends on who asks: no shared cache may keep this.
    if (caller) reply.header('cache-control', 'private, no-store')
    if (!published) {
      const privileged =
        caller !== null &&
        (caller.user.id === row.creatorId ||
          caller.user.roles.includes('moderator') ||
          caller.user.roles.includes('admin'))
      if (!privileged) {
        if (row.status === 'removed') throw new ApiError(410, 'gone', 'This reel was removed.')
        throw new ApiError(404, 'not_found', 'There is no such reel.')
      }
    }
    const base = deps.publicUrl()
    return {
      id: row.id,
      status: row.status,
      ...(row.status === 'rejected' ? { reason: row.rejectReason, message: row.rejectMessage } : {}),
      creator: { username: row.username },
      caption: row.caption,
      hashtags: hashtagsOf.all(row.id).map((item) => item.tag),
      durationMs: row.durationMs,
      posterUrl: published ? `${base}/media/${row.id}/poster.jpg` : null,
      hlsUrl: published ? `${base}/media/${row.id}/master.m3u8` : null,
      counts: deps.counts(row.id),
      sound: published || row.status === 'removed' ? toReelSound(row) : null,
      ...(caller && {
        viewer: {
          liked: likedBy.get(row.id, caller.user.id) !== undefined,
          following: deps.follows.isFollowing(caller.user.id, row.creatorId),
        },
      }),
    }
  })
}
