import { describe, expect, it } from 'vitest'
import { formatAgo, formatCount } from './dashboard-format'

describe('formatCount', () => {
  it('keeps small numbers whole and compacts large ones', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(9_999)).toBe('9,999')
    expect(formatCount(12_400)).toBe('12.4K')
    expect(formatCount(3_050_000)).toBe('3.1M')
  })
})

describe('formatAgo', () => {
  const now = Date.parse('2026-01-10T12:00:00Z')
  it('says how long ago, in the largest unit that fits', () => {
    expect(formatAgo('2026-01-10T11:59:30Z', now)).toBe('just now')
    expect(formatAgo('2026-01-10T11:55:00Z', now)).toBe('5 min ago')
    expect(formatAgo('2026-01-10T09:00:00Z', now)).toBe('3 h ago')
    expect(formatAgo('2026-01-08T12:00:00Z', now)).toBe('2 d ago')
    expect(formatAgo('2025-12-01T12:00:00Z', now)).toBe('Dec 1, 2025')
  })
  it('treats a clock ahead of ours as now, and garbage as nothing', () => {
    expect(formatAgo('2026-01-10T12:05:00Z', now)).toBe('just now')
    expect(formatAgo('not a date', now)).toBe('')
  })
})
