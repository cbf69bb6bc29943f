import { describe, expect, it } from 'vitest'
import { createServerLimits, DEFAULT_REEL_LIMITS } from './server-limits'

const body = { minDurationMs: 2000, maxDurationMs: 60_000, maxCaptionLength: 500, chunkBytes: 1 }

describe('server limits', () => {
  it('reads GET /api/limits from the configured server and caches it for a minute', async () => {
    const asked: string[] = []
    let now = 0
    const limits = createServerLimits({
      serverUrl: async () => 'https://spool.example/base',
      now: () => now,
      fetch: (async (url: string) => {
        asked.push(url)
        return new Response(JSON.stringify(body))
      }) as typeof fetch,
    })
    expect(await limits()).toEqual({
      minDurationMs: 2000,
      maxDurationMs: 60_000,
      maxCaptionLength: 500,
      source: 'server',
    })
    now = 59_000
    await limits()
    expect(asked).toEqual(['https://spool.example/api/limits'])
    now = 61_000
    await limits()
    expect(asked).toHaveLength(2)
  })

  it('falls back to the defaults on an error status or a body that is not limits', async () => {
    for (const response of [new Response('nope', { status: 502 }), new Response('{"maxDurationMs":"x"}')]) {
      const limits = createServerLimits({
        serverUrl: async () => 'http://127.0.0.1:1',
        fetch: (async () => response) as unknown as typeof fetch,
      })
      expect(await limits()).toEqual(DEFAULT_REEL_LIMITS)
    }
  })
})
