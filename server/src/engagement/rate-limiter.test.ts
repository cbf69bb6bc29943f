import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from './rate-limiter'

function limiterAt(start: number, limit = 3, windowMs = 1_000) {
  const clock = { now: start }
  return { clock, limiter: new SlidingWindowLimiter({ limit, windowMs }, () => clock.now) }
}

describe('SlidingWindowLimiter', () => {
  it('allows `limit` hits per window, then answers the wait', () => {
    const { clock, limiter } = limiterAt(10_000)
    expect(limiter.take(['a'])).toBe(0)
    clock.now += 100
    expect(limiter.take(['a'])).toBe(0)
    clock.now += 100
    expect(limiter.take(['a'])).toBe(0)
    clock.now += 100
    // The first hit (at 10 000) leaves the window at 11 000; it is now 10 300.
    expect(limiter.take(['a'])).toBe(700)
  })

  it('slides: room comes back as old hits leave the window, not all at once', () => {
    const { clock, limiter } = limiterAt(0)
    for (const at of [0, 400, 800]) {
      clock.now = at
      expect(limiter.take(['a'])).toBe(0)
    }
    clock.now = 1_000
    expect(limiter.take(['a'])).toBe(0) // the hit at 0 has left
    expect(limiter.take(['a'])).toBe(400) // the one at 400 leaves at 1 400
    clock.now = 1_400
    expect(limiter.take(['a'])).toBe(0)
  })

  it('keeps keys apart', () => {
    const { limiter } = limiterAt(0, 1)
    expect(limiter.take(['a'])).toBe(0)
    expect(limiter.take(['b'])).toBe(0)
    expect(limiter.take(['a'])).toBeGreaterThan(0)
  })

  it('refuses when any key is full, and then records nothing for the others', () => {
    const { clock, limiter } = limiterAt(0, 1)
    expect(limiter.take(['user:1'])).toBe(0)
    clock.now = 500
    expect(limiter.take(['user:1', 'addr:x'])).toBe(500)
    // addr:x was not charged for the refused request.
    expect(limiter.take(['addr:x'])).toBe(0)
  })

  it('a refused hit does not extend the wait', () => {
    const { clock, limiter } = limiterAt(0, 1)
    limiter.take(['a'])
    clock.now = 900
    expect(limiter.take(['a'])).toBe(100)
    clock.now = 1_000
    expect(limiter.take(['a'])).toBe(0)
  })
})
