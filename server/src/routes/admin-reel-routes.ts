// The smallest moderation door: POST /api/admin/reels/:reelId/remove and …/restore, for admins
// and moderators. Both go through media-tree.ts (never reels.status directly), whose
// onStatusChange tells whoever listens — live sync closes the reel's viewers and updates its
// creator's dashboard — so the moderation API that replaces these routes gets all that for free.
// Both are idempotent: asking for the state a reel is already in changes nothing and answers 200.
// There is no moderation audit table yet; each change is logged with who made it.
import type Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { isReelId } from '../../../shared/reel/reel-id'
import type { Authenticator } from '../accounts/authenticate'
import { ApiError } from '../http/api-error'
import type { MediaTree } from '../media/media-tree'

type Action = 'remove' | 'restore'

const ACTIONS: Record<Action, { to: 'removed' | 'published'; from: 'published' | 'removed' }> = {
  remove: { to: 'removed', from: 'published' },
  restore: { to: 'published', from: 'removed' },
}

export function registerAdminReelRoutes(
  app: FastifyInstance,
  deps: { db: Database.Database; auth: Authenticator; tree: Pick<MediaTree, Action> },
): void {
  const statusOf = deps.db.prepare<[string], string>('SELECT status FROM reels WHERE id = ?').pluck()

  for (const action of Object.keys(ACTIONS) as Action[]) {
    const { to, from } = ACTIONS[action]
    app.post<{ Params: { reelId: string } }>(`/api/admin/reels/:reelId/${action}`, async (request) => {
      const { user } = deps.auth.requireUser(request.method, request.headers)
      if (!user.roles.includes('admin') && !user.roles.includes('moderator')) {
        throw new ApiError(403, 'forbidden', 'Only moderators and admins can do this.')
      }
      const { reelId } = request.params
      const status = isReelId(reelId) ? statusOf.get(reelId) : undefined
      if (status === undefined) throw new ApiError(404, 'not_found', 'There is no such reel.')
      const changed = status === from && (await deps.tree[action](reelId))
      const now = changed ? to : statusOf.get(reelId)
      if (now !== to) {
        throw new ApiError(
          409,
          `not_${from}`,
          `Only a ${from} reel can be ${action === 'remove' ? 'removed' : 'restored'}; this one is ${now}.`,
        )
      }
      if (changed) request.log.info({ reelId, action, by: user.username }, `moderation: reel ${to}`)
      return { id: reelId, status: to, changed }
    })
  }
}
