// Reads a reel:<id> document (API.md "Live sync": getMap("counts"), getArray("comments")). A
// document is only bytes from the network, so each value is checked with the shared schemas and
// what does not fit is left out rather than shown wrong.
import type * as Y from 'yjs'
import { liveCommentSchema, liveCountsSchema, type LiveComment, type LiveCounts } from './live-docs'

export interface LiveReelContent {
  /** Null until the server has written them (or when they do not fit the schema). */
  counts: LiveCounts | null
  /** Newest last, as the server keeps them. */
  comments: LiveComment[]
}

export function readLiveReelDoc(doc: Y.Doc): LiveReelContent {
  const counts = liveCountsSchema.safeParse(doc.getMap('counts').toJSON())
  const comments = doc
    .getArray('comments')
    .toArray()
    .flatMap((item) => {
      const parsed = liveCommentSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
  return { counts: counts.success ? counts.data : null, comments }
}
