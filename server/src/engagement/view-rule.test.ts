import { describe, expect, it } from 'vitest'
import {
  continuesWatch,
  VIEW_REPEAT_WINDOW_MS,
  viewCounts,
  WATCH_PAUSE_ALLOWANCE_MS,
  watchCompleted,
  watchQualifies,
} from './view-rule'

describe('watchQualifies', () => {
  it('needs 3 s on a long reel', () => {
    expect(watchQualifies(2_999, 6_000)).toBe(false)
    expect(watchQualifies(3_000, 6_000)).toBe(true)
    expect(watchQualifies(3_000, 60_000)).toBe(true)
  })
  it('takes half of a short reel', () => {
    expect(watchQualifies(999, 2_000)).toBe(false)
    expect(watchQualifies(1_000, 2_000)).toBe(true)
  })
  it('falls back to 3 s when the duration is unknown', () => {
    expect(watchQualifies(2_000, null)).toBe(false)
    expect(watchQualifies(0, 0)).toBe(false)
    expect(watchQualifies(3_000, null)).toBe(true)
  })
})

describe('viewCounts', () => {
  const now = 10 * VIEW_REPEAT_WINDOW_MS
  it('counts a first qualifying watch', () => {
    expect(viewCounts({ watchedMs: 3_000, durationMs: 6_000, now }, null)).toBe(true)
    expect(viewCounts({ watchedMs: 2_000, durationMs: 6_000, now }, null)).toBe(false)
  })
  it('counts the same viewer once per hour', () => {
    const watch = { watchedMs: 5_000, durationMs: 6_000, now }
    expect(viewCounts(watch, now - 1)).toBe(false)
    expect(viewCounts(watch, now - VIEW_REPEAT_WINDOW_MS + 1)).toBe(false)
    expect(viewCounts(watch, now - VIEW_REPEAT_WINDOW_MS)).toBe(true)
  })
})

describe('watchCompleted', () => {
  it('is true at or past the end, never without a duration', () => {
    expect(watchCompleted(5_999, 6_000)).toBe(false)
    expect(watchCompleted(6_000, 6_000)).toBe(true)
    expect(watchCompleted(13_000, 6_000)).toBe(true)
    expect(watchCompleted(13_000, null)).toBe(false)
  })
})

describe('continuesWatch', () => {
  const first = { watchedMs: 3_000, reportedAt: 100_000 }
  const later = (watchedMs: number, afterMs: number, counted = false) => ({
    watchedMs,
    counted,
    at: first.reportedAt + afterMs,
  })
  it('takes the report on leaving as the same watch, pauses included', () => {
    expect(continuesWatch(first, later(12_000, 9_000))).toBe(true)
    expect(continuesWatch(first, later(12_000, 9_000 + WATCH_PAUSE_ALLOWANCE_MS))).toBe(true)
  })
  it('starts a new watch when no time was added, or too long has passed for it', () => {
    expect(continuesWatch(first, later(3_000, 1_000))).toBe(false)
    expect(continuesWatch(first, later(2_000, 1_000))).toBe(false) // a rewatch's own first report
    expect(continuesWatch(first, later(12_000, 9_001 + WATCH_PAUSE_ALLOWANCE_MS))).toBe(false)
    expect(continuesWatch(first, later(12_000, -1))).toBe(false) // clock went back
  })
  it('never folds a report that counts into an earlier row', () => {
    expect(
      continuesWatch({ watchedMs: 1_000, reportedAt: 0 }, { watchedMs: 4_000, counted: true, at: 3_500 }),
    ).toBe(false)
  })
})
