// The "Show more" of a poster grid: the first page comes with the page's own request, later pages
// are fetched with its cursor and appended here.
import { useState } from 'react'
import type { FeedReel } from './feed'

export interface ReelList {
  reels: FeedReel[]
  nextCursor: string | null
}

export function useMoreReels(first: ReelList, loadPage: (cursor: string) => Promise<ReelList>) {
  const [more, setMore] = useState<ReelList | null>(null)
  const [loading, setLoading] = useState(false)
  const [failed, setFailed] = useState(false)
  const nextCursor = more ? more.nextCursor : first.nextCursor

  function loadMore() {
    if (!nextCursor || loading) return
    setLoading(true)
    setFailed(false)
    loadPage(nextCursor).then(
      (page) => {
        setMore((previous) => ({
          reels: [...(previous?.reels ?? []), ...page.reels],
          nextCursor: page.nextCursor,
        }))
        setLoading(false)
      },
      () => {
        setFailed(true)
        setLoading(false)
      },
    )
  }

  return {
    reels: [...first.reels, ...(more?.reels ?? [])],
    hasMore: nextCursor !== null,
    loading,
    failed,
    loadMore,
  }
}
