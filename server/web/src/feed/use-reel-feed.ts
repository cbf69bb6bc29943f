// The reels the feed can move through: the feed's pages (more are fetched near the end), after
// the reel a /r/:id link opened, when there is one.
import { useCallback, useRef, useState } from 'react'
import { ApiError } from '../api/api-client'
import { fetchFeed, fetchReel, type FeedReel } from '../api/feed'
import { useRequest, type RequestState } from '../api/use-request'

interface FeedStart {
  /** null: the linked reel does not exist or is not published. */
  items: FeedReel[] | null
  nextCursor: string | null
}

/** GET /api/reels/:id may be missing on an older server: then the reel is looked for in the feed. */
const FALLBACK_PAGES = 3

async function findInFeed(reelId: string, signal: AbortSignal): Promise<FeedReel | null> {
  let cursor: string | undefined
  for (let page = 0; page < FALLBACK_PAGES; page++) {
    const result = await fetchFeed({ cursor, signal, limit: 50 })
    const found = result.items.find((item) => item.id === reelId)
    if (found) return found
    if (!result.nextCursor) return null
    cursor = result.nextCursor
  }
  return null
}

async function loadStart(reelId: string | undefined, signal: AbortSignal): Promise<FeedStart> {
  const feed = fetchFeed({ signal })
  if (!reelId) return feed
  // Started together; a failure of the feed is reported once it is awaited below.
  feed.catch(() => undefined)
  let reel: FeedReel | null
  try {
    reel = await fetchReel(reelId, signal)
  } catch (error) {
    if (!(error instanceof ApiError && (error.status === 404 || error.status === 410))) throw error
    reel = error.status === 404 ? await findInFeed(reelId, signal) : null
  }
  if (!reel) return { items: null, nextCursor: null }
  const page = await feed
  const linked = reel
  return {
    items: [linked, ...page.items.filter((item) => item.id !== linked.id)],
    nextCursor: page.nextCursor,
  }
}

export interface ReelFeed {
  state: RequestState<FeedStart>
  retry: () => void
  items: FeedReel[]
  hasMore: boolean
  loadMore: () => void
}

export function useReelFeed(initialReelId: string | undefined): ReelFeed {
  const { state, retry } = useRequest((signal) => loadStart(initialReelId, signal), initialReelId ?? '')
  const [more, setMore] = useState<{ items: FeedReel[]; nextCursor: string | null } | null>(null)
  const loading = useRef(false)

  const start = state.status === 'done' ? state.data : null
  const nextCursor = more ? more.nextCursor : (start?.nextCursor ?? null)
  const items = start?.items ? [...start.items, ...(more?.items ?? [])] : []

  const loadMore = useCallback(() => {
    if (!nextCursor || loading.current) return
    loading.current = true
    fetchFeed({ cursor: nextCursor }).then(
      (page) => {
        loading.current = false
        setMore((previous) => {
          const seen = new Set([...(start?.items ?? []), ...(previous?.items ?? [])].map((item) => item.id))
          return {
            items: [...(previous?.items ?? []), ...page.items.filter((item) => !seen.has(item.id))],
            nextCursor: page.nextCursor,
          }
        })
      },
      () => {
        // The next attempt happens on the next move; the reels already here keep playing.
        loading.current = false
      },
    )
  }, [nextCursor, start])

  return { state, retry, items, hasMore: nextCursor !== null, loadMore }
}
