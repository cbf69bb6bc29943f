// dashboard.* — the creator's live numbers and notifications (the studio's copy of
// creator:<username>), one reel opened in detail (reel:<id>, reel-watch.ts), and the writes the
// creator makes from there (reply, delete a comment, like a reel), which go through the outbox.
import { RpcError } from '../../../shared/rpc/envelope'
import type { AccountService } from '../account/account-service'
import type { HandlerMap } from '../rpc/dispatcher'
import type { CreatorDashboard } from '../sync/creator-dashboard'
import { commentPath, type Outbox, type OutboxWrite } from '../sync/outbox'
import type { ReelWatch } from '../sync/reel-watch'
import type { ServerPosters } from '../sync/server-posters'

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`

export function dashboardHandlers(deps: {
  account: AccountService
  dashboard: CreatorDashboard
  outbox: Outbox
  posters: ServerPosters
  reelWatch: ReelWatch
}): HandlerMap {
  const { account, dashboard, outbox, posters, reelWatch } = deps

  async function queue(write: OutboxWrite) {
    // The session is read from memory and the local database: signing in is needed, a network is not.
    const session = await account.session()
    if (!session) throw new RpcError('unavailable', 'Sign in to your Spool server first.')
    return outbox.enqueue(session, write)
  }

  return {
    'dashboard.get': () => dashboard.snapshot(),
    'dashboard.poster': async ({ reelId }) => ({
      dataUrl: await posters.dataUrl(account.get().serverUrl, reelId),
    }),
    'dashboard.reply': ({ reelId, commentId, text }) =>
      queue({
        kind: 'reply',
        method: 'POST',
        path: `/api/reels/${reelId}/comments`,
        body: { text, parentId: commentId },
        summary: `Reply ${quote(text)}`,
      }),
    'dashboard.dismissOutbox': ({ id }) => ({ dismissed: outbox.dismiss(id) }),
    'dashboard.like': ({ reelId, liked }) => {
      const caption = dashboard.captionOf(reelId)?.trim()
      return queue({
        kind: liked ? 'like' : 'unlike',
        method: liked ? 'PUT' : 'DELETE',
        path: `/api/reels/${reelId}/like`,
        reelId,
        summary: `${liked ? 'Like' : 'Unlike'} ${caption ? quote(caption) : 'a reel'}`,
      })
    },
    'dashboard.openReel': ({ reelId }) => reelWatch.open(reelId),
    'dashboard.closeReel': async ({ reelId }) => ({ closed: await reelWatch.release(reelId) }),
    'dashboard.deleteComment': ({ commentId }) =>
      queue({
        kind: 'delete-comment',
        method: 'DELETE',
        path: commentPath(commentId),
        summary: 'Delete a comment',
      }),
  }
}
