// Engagement over HTTP (API.md "Engagement"): views, likes, comments, shares, reports, follows,
// "not interested" and hiding a creator. Every write goes through guarded-write.ts (auth, rate
// limits, Idempotency-Key); only published reels take engagement — any other id is 404, whoever asks.
import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'
import {
  commentListQuerySchema,
  commentRequestSchema,
  reportRequestSchema,
  shareRequestSchema,
  viewRequestSchema,
} from '../../../shared/api/engagement'
import { isReelId } from '../../../shared/reel/reel-id'
import type { AccountStore, StoredUser } from '../accounts/account-store'
import type { Auth, Authenticator } from '../accounts/authenticate'
import { BadCommentCursorError, type CommentStore } from '../engagement/comment-store'
import type { FollowStore } from '../engagement/follow-store'
import { RateLimitedError, type GuardedWrite } from '../engagement/guarded-write'
import type { HiddenCreatorStore } from '../engagement/hidden-creator-store'
import type { SlidingWindowLimiter } from '../engagement/rate-limiter'
import type { ReelEngagementStore } from '../engagement/reel-engagement-store'
import type { ShareStore } from '../engagement/share-store'
import { ApiError } from '../http/api-error'
import type { LivePublisher } from '../sync/live-publisher'

export interface EngagementRouteDeps {
  auth: Authenticator
  accounts: AccountStore
  reels: ReelEngagementStore
  comments: CommentStore
  follows: FollowStore
  shares: ShareStore
  hidden: HiddenCreatorStore
  /** Counted signed-out shares per address (a fresh session id costs nothing to make). */
  anonymousShares: SlidingWindowLimiter
  write: GuardedWrite
  /** Keeps the live documents (reel:<id>, creator:<username>) in step with accepted writes. */
  live: LivePublisher
}

type ReelParams = { reelId: string }

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {})
  if (!result.success) {
    const first = result.error.issues[0]
    const field = first?.path.join('.') || 'request'
    throw new ApiError(400, 'bad_request', `${field}: ${first?.message ?? 'invalid'}`)
  }
  return result.data
}

export function registerEngagementRoutes(app: FastifyInstance, deps: EngagementRouteDeps): void {
  const { reels, comments, follows, shares, write, live } = deps

  function publishedReel(reelId: string) {
    const reel = isReelId(reelId) ? reels.publishedReel(reelId) : undefined
    if (!reel) throw new ApiError(404, 'not_found', 'There is no such reel.')
    return reel
  }

  write.anyone<ReelParams>('POST', '/api/reels/:reelId/views', (request, caller) => {
    const reel = publishedReel(request.params.reelId)
    const body = parse(viewRequestSchema, request.body)
    let viewer: { key: string; userId: string | null }
    if (caller) viewer = { key: `u:${caller.user.id}`, userId: caller.user.id }
    else if (body.sessionId) viewer = { key: `s:${body.sessionId}`, userId: null }
    else throw new ApiError(400, 'bad_request', 'sessionId: required when not signed in')
    const counted = reels.recordView(reel, viewer, body.watchedMs)
    if (counted) live.viewCounted(reel)
    return { status: 200, body: { counted } }
  })

  for (const [method, liked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    write.signedIn<ReelParams>(method, '/api/reels/:reelId/like', (request, caller) => {
      const reel = publishedReel(request.params.reelId)
      reels.setLike(reel.id, caller.user.id, liked)
      const likes = reels.counts(reel.id).likes
      live.likeChanged(reel, likes)
      return { status: 200, body: { liked, likes } }
    })
  }

  app.get<{ Params: ReelParams }>('/api/reels/:reelId/comments', async (request) => {
    const reel = publishedReel(request.params.reelId)
    const query = parse(commentListQuerySchema, request.query)
    try {
      return comments.list(reel.id, query.parentId ?? null, query)
    } catch (error) {
      if (error instanceof BadCommentCursorError) throw new ApiError(400, 'bad_request', error.message)
      throw error
    }
  })

  write.signedIn<ReelParams>('POST', '/api/reels/:reelId/comments', (request, caller) => {
    const reel = publishedReel(request.params.reelId)
    const body = parse(commentRequestSchema, request.body)
    if (body.parentId !== undefined) {
      const parent = comments.find(body.parentId)
      if (!parent || parent.reelId !== reel.id) {
        throw new ApiError(400, 'bad_request', 'parentId: there is no such comment on this reel.')
      }
      if (parent.parentId !== null) {
        throw new ApiError(
          400,
          'reply_too_deep',
          'Replies are one level deep: answer the first comment instead.',
        )
      }
    }
    const comment = comments.add({
      reelId: reel.id,
      userId: caller.user.id,
      parentId: body.parentId ?? null,
      text: body.text,
    })
    live.commentAdded(reel, comment, caller.user)
    return { status: 201, body: comment }
  })

  write.signedIn<{ commentId: string }>('DELETE', '/api/comments/:commentId', (request, caller) => {
    const comment = comments.find(request.params.commentId)
    if (!comment) throw new ApiError(404, 'not_found', 'There is no such comment.')
    const userId = caller.user.id
    if (comment.userId !== userId && comment.reelCreatorId !== userId) {
      throw new ApiError(403, 'forbidden', 'Only its author or the reel’s creator can delete a comment.')
    }
    comments.remove(comment.id)
    live.commentDeleted({ id: comment.reelId, creatorId: comment.reelCreatorId })
    return { status: 200, body: { deleted: true } }
  })

  write.anyone<ReelParams>('POST', '/api/reels/:reelId/shares', (request, caller) => {
    const reel = publishedReel(request.params.reelId)
    const body = parse(shareRequestSchema, request.body)
    if (caller) {
      shares.share(reel.id, { userId: caller.user.id })
      live.shared(reel)
      return { status: 200, body: { shares: shares.count(reel.id) } }
    }
    if (!body.sessionId) throw new ApiError(400, 'bad_request', 'sessionId: required when not signed in')
    const wait = deps.anonymousShares.take([`addr:${request.ip}`])
    if (wait > 0) throw new RateLimitedError(wait)
    const counted = shares.share(reel.id, { sessionId: body.sessionId })
    if (counted) live.shared(reel)
    return { status: 200, body: { shares: shares.count(reel.id), counted } }
  })

  write.signedIn<ReelParams>('POST', '/api/reels/:reelId/reports', (request, caller) => {
    const reel = publishedReel(request.params.reelId)
    const body = parse(reportRequestSchema, request.body)
    const id = reels.report(reel.id, caller.user.id, body.reason, body.note)
    return { status: 201, body: { id, reason: body.reason } }
  })

  write.signedIn<ReelParams>('POST', '/api/reels/:reelId/not-interested', (request, caller) => {
    const reel = publishedReel(request.params.reelId)
    reels.notInterested(reel.id, caller.user.id)
    return { status: 200, body: { notInterested: true } }
  })

  /**
   * PUT sets and DELETE clears one relation of the caller to another account (follow, hide):
   * the account must exist and not be the caller (400 `self.code`).
   */
  function userRelation(
    name: string,
    self: { code: string; message: string },
    apply: (caller: Auth, other: StoredUser, on: boolean) => unknown,
  ): void {
    for (const [method, on] of [
      ['PUT', true],
      ['DELETE', false],
    ] as const) {
      write.signedIn<{ username: string }>(method, `/api/users/:username/${name}`, (request, caller) => {
        const other = deps.accounts.findByUsername(request.params.username)
        if (!other) throw new ApiError(404, 'not_found', 'There is no such user.')
        if (other.id === caller.user.id) throw new ApiError(400, self.code, self.message)
        return { status: 200, body: apply(caller, other, on) }
      })
    }
  }

  userRelation(
    'follow',
    { code: 'cannot_follow_self', message: 'You cannot follow yourself.' },
    (caller, followee, following) => {
      if (follows.setFollowing(caller.user.id, followee.id, following)) {
        live.followChanged(followee.id, caller.user.username, following)
      }
      return { following, followers: follows.followerCount(followee.id) }
    },
  )

  // "Hide @creator": the ranked feed stops offering their reels to this viewer.
  userRelation(
    'hidden',
    { code: 'cannot_hide_self', message: 'You cannot hide yourself.' },
    (caller, creator, hidden) => {
      deps.hidden.setHidden(caller.user.id, creator.id, hidden)
      return { hidden }
    },
  )
}
