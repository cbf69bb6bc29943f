import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWriteThrottle } from './write-throttle'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('createWriteThrottle', () => {
  it('runs a lone ask on the next turn, and a burst as one run now and one after the interval', () => {
    const runs: string[] = []
    const throttle = createWriteThrottle(
      250,
      (key) => runs.push(key),
      () => {},
    )
    throttle.ask('a')
    expect(runs).toEqual([])
    vi.advanceTimersByTime(0)
    expect(runs).toEqual(['a'])
    for (let i = 0; i < 100; i++) throttle.ask('a')
    throttle.ask('b')
    vi.advanceTimersByTime(0)
    expect(runs).toEqual(['a', 'b'])
    vi.advanceTimersByTime(250)
    expect(runs).toEqual(['a', 'b', 'a'])
    vi.advanceTimersByTime(1000) // nothing asked since: nothing runs
    expect(runs).toEqual(['a', 'b', 'a'])
  })

  it('reports a failing run and keeps going', () => {
    const errors: string[] = []
    let fail = true
    const runs: string[] = []
    const throttle = createWriteThrottle(
      10,
      (key) => {
        if (fail) throw new Error('boom')
        runs.push(key)
      },
      (_error, key) => errors.push(key),
    )
    throttle.ask('a')
    vi.advanceTimersByTime(0)
    fail = false
    throttle.ask('a')
    vi.advanceTimersByTime(10)
    expect(errors).toEqual(['a'])
    expect(runs).toEqual(['a'])
  })

  it('runs what is waiting when stopped, then takes no more asks', () => {
    const runs: string[] = []
    const throttle = createWriteThrottle(
      250,
      (key) => runs.push(key),
      () => {},
    )
    throttle.ask('a')
    vi.advanceTimersByTime(0)
    throttle.ask('a') // waiting for the interval
    throttle.ask('b') // waiting for the next turn
    throttle.stop()
    expect(runs.sort()).toEqual(['a', 'a', 'b'])
    throttle.ask('c')
    vi.advanceTimersByTime(1000)
    expect(runs).toHaveLength(3)
  })
})
