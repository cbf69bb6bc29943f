import { describe, expect, it } from 'vitest'
import { formatClock, formatLength } from './format-time'

describe('editor times', () => {
  it('shows a clock with tenths and a length in seconds', () => {
    expect(formatClock(0)).toBe('0:00.0')
    expect(formatClock(4260)).toBe('0:04.2')
    expect(formatClock(83_900)).toBe('1:23.9')
    expect(formatLength(4000)).toBe('4.0 s')
    expect(formatLength(1250)).toBe('1.3 s')
  })
})
