// The server's public limits (GET /api/limits), asked by the core because the renderer's page may
// not reach another origin. Cached for a minute (the server says max-age=60); when the server cannot
// be asked the documented defaults are answered, marked as such, so the editor can say so.
import { z } from 'zod'
import type { ReelLimits } from '../../../shared/rpc/contract'

export const DEFAULT_REEL_LIMITS: ReelLimits = {
  minDurationMs: 1_000,
  maxDurationMs: 90_000,
  maxCaptionLength: 2_200,
  source: 'default',
}

const served = z.object({
  minDurationMs: z.number().int().positive(),
  maxDurationMs: z.number().int().positive(),
  maxCaptionLength: z.number().int().positive(),
})

const CACHE_MS = 60_000
const TIMEOUT_MS = 3_000

export function createServerLimits(deps: {
  serverUrl: () => Promise<string>
  fetch?: typeof fetch
  now?: () => number
}) {
  const { fetch: get = fetch, now = Date.now } = deps
  let cached: { at: number; url: string; limits: ReelLimits } | null = null
  return async function limits(): Promise<ReelLimits> {
    const url = new URL('/api/limits', await deps.serverUrl()).href
    if (cached && cached.url === url && now() - cached.at < CACHE_MS) return cached.limits
    try {
      const response = await get(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      if (!response.ok) return DEFAULT_REEL_LIMITS
      const body = served.parse(await response.json())
      if (body.minDurationMs >= body.maxDurationMs) return DEFAULT_REEL_LIMITS
      cached = { at: now(), url, limits: { ...body, source: 'server' } }
      return cached.limits
    } catch {
      // Offline or not a Spool server: not cached, so the next editor opened tries again.
      return DEFAULT_REEL_LIMITS
    }
  }
}
