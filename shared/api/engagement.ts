// The engagement requests and answers (API.md "Engagement"), shared by the server, which checks
// bodies with these schemas, and the viewer app, which sends them.
import { z } from 'zod'
import { captionLength } from '../reel/caption'

export const COMMENT_MAX_LENGTH = 500
export const REPORT_NOTE_MAX_LENGTH = 500

/** An anonymous viewer's random id, kept by the viewer app for the browser session. */
export const viewSessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16–64 letters, digits, "-" or "_"')

export const viewRequestSchema = z.object({
  // Up to a day: loops make a watch longer than the reel, but not forever.
  watchedMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000),
  sessionId: viewSessionIdSchema.optional(),
})

/** A share: signed-out viewers send the session id their views use (one counts per hour). */
export const shareRequestSchema = z.object({ sessionId: viewSessionIdSchema.optional() })

export const commentRequestSchema = z.object({
  text: z
    .string()
    .transform((text) => text.trim())
    .refine((text) => captionLength(text) >= 1, 'must not be empty')
    .refine(
      (text) => captionLength(text) <= COMMENT_MAX_LENGTH,
      `must be at most ${COMMENT_MAX_LENGTH} characters`,
    ),
  parentId: z.string().min(1).max(64).optional(),
})

export const reportReasons = [
  'spam',
  'nudity',
  'violence',
  'harassment',
  'hate',
  'self_harm',
  'misinformation',
  'copyright',
  'other',
] as const
export type ReportReason = (typeof reportReasons)[number]

export const reportRequestSchema = z.object({
  reason: z.enum(reportReasons),
  note: z
    .string()
    .transform((note) => note.trim())
    .refine(
      (note) => captionLength(note) <= REPORT_NOTE_MAX_LENGTH,
      `must be at most ${REPORT_NOTE_MAX_LENGTH} characters`,
    )
    .optional(),
})

export const commentListQuerySchema = z.object({
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Replies to this comment instead of the top-level comments. */
  parentId: z.string().min(1).max(64).optional(),
})

export interface CommentItem {
  id: string
  parentId: string | null
  author: { username: string }
  text: string
  createdAt: string
  replyCount: number
}

export interface ReelCounts {
  views: number
  likes: number
  comments: number
  shares: number
}
