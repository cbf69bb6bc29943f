import { describe, expect, it } from 'vitest'
import { qualifyingWatchMs, WatchClock } from './watch-clock'

describe('watch clock', () => {
  it('counts only the time between playing and the next stop', () => {
    let now = 0
    const clock = new WatchClock(() => now)
    now = 500
    clock.start()
    now = 1500
    clock.start() // a second "playing" while playing changes nothing
    now = 2000
    expect(clock.watchedMs()).toBe(1500)
    clock.stop()
    now = 9000 // paused: not watching
    clock.start()
    now = 9250
    expect(clock.watchedMs()).toBe(1750)
  })

  it('asks for 3 s, or half of a reel shorter than 6 s, like the server’s view rule', () => {
    expect(qualifyingWatchMs(null)).toBe(3000)
    expect(qualifyingWatchMs(20_000)).toBe(3000)
    expect(qualifyingWatchMs(3_000)).toBe(1500)
    expect(qualifyingWatchMs(2_001)).toBe(1001)
  })
})
