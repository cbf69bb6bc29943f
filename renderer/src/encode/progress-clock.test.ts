import { describe, expect, it } from 'vitest'
import { createProgressClock } from './progress-clock'

describe('createProgressClock', () => {
  it('adds up weighted passes and estimates the rest from the pace so far', () => {
    let now = 1000
    const clock = createProgressClock([0.75, 0.25], () => now)
    expect(clock.update(0, 0.02)).toEqual({ percent: 1.5, elapsedMs: 0, remainingMs: null })
    now = 4000
    expect(clock.update(0, 0.5)).toEqual({ percent: 37.5, elapsedMs: 3000, remainingMs: 5000 })
    now = 7000
    expect(clock.update(1, 0)).toMatchObject({ percent: 75, elapsedMs: 6000, remainingMs: 2000 })
    expect(clock.update(1, 1).percent).toBe(100)
  })

  it('never goes backwards inside a pass (ffmpeg reports the odd stale time)', () => {
    const clock = createProgressClock([1])
    clock.update(0, 0.6)
    expect(clock.update(0, 0.4).percent).toBe(60)
    expect(clock.update(0, 7).percent).toBe(100)
  })
})
