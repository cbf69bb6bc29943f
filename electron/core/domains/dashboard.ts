// dashboard.* — the creator's live numbers and notifications (the studio's copy of
// creator:<username>), and the writes the creator makes from there, which go through the outbox.
import { RpcError } from '../../../shared/rpc/envelope'
import type { AccountService } from '../account/account-service'
import type { HandlerMap } from '../rpc/dispatcher'
import type { CreatorDashboard } from '../sync/creator-dashboard'
import type { Outbox, OutboxWrite } from '../sync/outbox'
import type { ServerPosters } from '../sync/server-posters'

const quote = (text: string) => `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`

export function dashboardHandlers(deps: {
  account: AccountService
  dashboard: CreatorDashboard
  outbox: Outbox
  posters: ServerPosters
}): HandlerMap {
  const { account, dashboard, outbox, posters } = deps

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
    'dashboard.deleteComment': ({ commentId }) =>
      queue({
        kind: 'delete-comment',
        method: 'DELETE',
        path: `/api/comments/${encodeURIComponent(commentId)}`,
        summary: 'Delete a comment',
      }),
  }
}
