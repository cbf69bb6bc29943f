// The viewer app's engagement requests (API.md "Engagement"). Writes carry the session's CSRF
// token and, where a retry must not count twice, an Idempotency-Key.
import { z } from 'zod'
import type { CommentItem, ReportReason } from '../../../../shared/api/engagement'
import { getJson, sendJson } from '../api/api-client'
import { currentSession } from '../session/session-store'

const countsSchema = z.object({
  views: z.number(),
  likes: z.number(),
  comments: z.number(),
  shares: z.number(),
})

export const commentItemSchema: z.ZodType<CommentItem> = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  author: z.object({ username: z.string() }),
  text: z.string(),
  createdAt: z.string(),
  replyCount: z.number(),
})

const commentPageSchema = z.object({ items: z.array(commentItemSchema), nextCursor: z.string().nullable() })
export type CommentPage = z.infer<typeof commentPageSchema>

const reelPath = (reelId: string, rest = '') => `/api/reels/${encodeURIComponent(reelId)}${rest}`

function write<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: z.ZodType<T>,
  options: { body?: unknown; idempotencyKey?: string; keepalive?: boolean } = {},
): Promise<T> {
  const session = currentSession()
  return sendJson(method, path, schema, {
    ...options,
    csrfToken: session.status === 'signed-in' ? session.csrfToken : null,
  })
}

const reelStateSchema = z.object({
  counts: countsSchema,
  creator: z.object({ username: z.string() }),
  /** Only for a signed-in caller: whether they like the reel and follow its creator. */
  viewer: z.object({ liked: z.boolean(), following: z.boolean() }).optional(),
})
export type ReelState = z.infer<typeof reelStateSchema>

/** A reel's counts and, signed in, the caller's like and follow (GET /api/reels/:id). */
export function fetchReelState(reelId: string, signal?: AbortSignal): Promise<ReelState> {
  return getJson(reelPath(reelId), reelStateSchema, signal)
}

export function sendLike(reelId: string, liked: boolean, idempotencyKey: string) {
  return write(liked ? 'PUT' : 'DELETE', reelPath(reelId, '/like'), z.object({ likes: z.number() }), {
    idempotencyKey,
  })
}

export function fetchComments(
  reelId: string,
  options: { cursor?: string; parentId?: string; signal?: AbortSignal } = {},
): Promise<CommentPage> {
  const query = new URLSearchParams({ limit: '20' })
  if (options.cursor) query.set('cursor', options.cursor)
  if (options.parentId) query.set('parentId', options.parentId)
  return getJson(reelPath(reelId, `/comments?${query}`), commentPageSchema, options.signal)
}

export function sendComment(
  reelId: string,
  comment: { text: string; parentId: string | null },
  idempotencyKey: string,
): Promise<CommentItem> {
  const body = comment.parentId ? comment : { text: comment.text }
  return write('POST', reelPath(reelId, '/comments'), commentItemSchema, { body, idempotencyKey })
}

export function deleteComment(commentId: string) {
  return write('DELETE', `/api/comments/${encodeURIComponent(commentId)}`, z.unknown())
}

/** Signed out, `sessionId` is what the server counts the share by (once per hour per reel). */
export function sendShare(reelId: string, idempotencyKey: string, sessionId?: string) {
  return write('POST', reelPath(reelId, '/shares'), z.object({ shares: z.number() }), {
    idempotencyKey,
    body: sessionId ? { sessionId } : undefined,
  })
}

export function sendNotInterested(reelId: string) {
  return write('POST', reelPath(reelId, '/not-interested'), z.unknown())
}

export function sendReport(reelId: string, reason: ReportReason, note: string, idempotencyKey: string) {
  const body = note.trim() ? { reason, note } : { reason }
  return write('POST', reelPath(reelId, '/reports'), z.unknown(), { body, idempotencyKey })
}

export function sendView(
  reelId: string,
  watchedMs: number,
  sessionId: string | undefined,
  keepalive: boolean,
) {
  const body = sessionId ? { watchedMs, sessionId } : { watchedMs }
  return write('POST', reelPath(reelId, '/views'), z.object({ counted: z.boolean() }), { body, keepalive })
}

export function sendHidden(username: string, hidden: boolean) {
  return write(
    hidden ? 'PUT' : 'DELETE',
    `/api/users/${encodeURIComponent(username)}/hidden`,
    z.object({ hidden: z.boolean() }),
  )
}

export function sendFollow(username: string, following: boolean) {
  return write(
    following ? 'PUT' : 'DELETE',
    `/api/users/${encodeURIComponent(username)}/follow`,
    z.object({ following: z.boolean(), followers: z.number() }),
  )
}
