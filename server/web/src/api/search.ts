// Search and trending (API.md "Feed and viewing"): GET /api/search?q=… and GET /api/trending.
import { z } from 'zod'
import { getJson } from './api-client'
import { feedReelSchema } from './feed'

const searchResultsSchema = z.object({
  creators: z.array(z.object({ username: z.string(), reels: z.number() })),
  hashtags: z.array(z.object({ tag: z.string(), reels: z.number() })),
  reels: z.array(feedReelSchema),
})
export type SearchResults = z.infer<typeof searchResultsSchema>

const trendingSchema = z.object({
  hashtags: z.array(z.object({ tag: z.string(), reels: z.number() })),
  // A sound is named by the reel it comes from; an older server sends no sounds.
  sounds: z.array(z.object({ sourceReelId: z.string(), title: z.string(), reels: z.number() })).default([]),
})
export type Trending = z.infer<typeof trendingSchema>

export function fetchSearch(q: string, signal?: AbortSignal): Promise<SearchResults> {
  return getJson(`/api/search?${new URLSearchParams({ q })}`, searchResultsSchema, signal)
}

export function fetchTrending(signal?: AbortSignal): Promise<Trending> {
  return getJson('/api/trending', trendingSchema, signal)
}
