// The query and cursor handling every newest-first reel list route shares (a creator's, a
// hashtag's and a sound's page): `?cursor=&limit=` checked with the shared schema, and a cursor
// that does not decode answered as our 400 instead of a 500.
import { z } from 'zod'
import { reelListQuerySchema } from '../../../shared/api/reel-item'
import { BadCursorError } from '../feed/feed-query'
import { ApiError } from '../http/api-error'

export function reelListQuery(query: unknown): z.infer<typeof reelListQuerySchema> {
  const parsed = reelListQuerySchema.safeParse(query)
  if (!parsed.success) throw new ApiError(400, 'bad_request', `Bad query: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}

export function withListCursor<T>(load: () => T): T {
  try {
    return load()
  } catch (error) {
    if (error instanceof BadCursorError) throw new ApiError(400, 'bad_request', error.message)
    throw error
  }
}
