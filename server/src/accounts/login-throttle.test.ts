import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle'

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('LoginThrottle', () => {
  it('lets the first failures through, then locks with a doubling delay', () => {
    const time = clock()
    const throttle = new LoginThrottle({ freeFailures: 3, baseDelayMs: 1000 }, time.now)
    const keys = ['user:mia', 'ip:127.0.0.1']
    throttle.recordFailure(keys)
    throttle.recordFailure(keys)
    throttle.recordFailure(keys)
    expect(throttle.retryAfter(keys)).toBe(0)
    throttle.recordFailure(keys)
    expect(throttle.retryAfter(keys)).toBe(1000)
    time.advance(1000)
    expect(throttle.retryAfter(keys)).toBe(0)
    throttle.recordFailure(keys)
    expect(throttle.retryAfter(keys)).toBe(2000)
  })

  it('locks an account tried from many addresses, and an address trying many accounts', () => {
    const throttle = new LoginThrottle({ freeFailures: 2, baseDelayMs: 500 }, clock().now)
    for (let i = 0; i < 3; i++) throttle.recordFailure(['user:mia', `ip:10.0.0.${i}`])
    expect(throttle.retryAfter(['user:mia', 'ip:10.0.0.9'])).toBeGreaterThan(0)
    for (const name of ['a', 'b', 'c']) throttle.recordFailure([`user:${name}`, 'ip:192.0.2.1'])
    expect(throttle.retryAfter(['user:zed', 'ip:192.0.2.1'])).toBeGreaterThan(0)
    expect(throttle.retryAfter(['user:zed', 'ip:192.0.2.2'])).toBe(0)
  })

  it('caps the delay, forgets old failures and clears on success', () => {
    const time = clock()
    const throttle = new LoginThrottle(
      { freeFailures: 0, baseDelayMs: 1000, maxDelayMs: 5000, windowMs: 60_000 },
      time.now,
    )
    for (let i = 0; i < 20; i++) throttle.recordFailure(['k'])
    expect(throttle.retryAfter(['k'])).toBe(5000)
    time.advance(61_000)
    expect(throttle.retryAfter(['k'])).toBe(0)
    throttle.recordFailure(['k'])
    expect(throttle.retryAfter(['k'])).toBe(1000)
    throttle.recordSuccess(['k'])
    expect(throttle.retryAfter(['k'])).toBe(0)
  })
})
