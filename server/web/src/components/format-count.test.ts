import { describe, expect, it } from 'vitest'
import { formatCount } from './format-count'

describe('formatCount', () => {
  it('shows small numbers whole and large ones short, never rounded up', () => {
    expect([0, 7, 999].map(formatCount)).toEqual(['0', '7', '999'])
    expect([1000, 1234, 9999, 12_345, 999_999].map(formatCount)).toEqual([
      '1K',
      '1.2K',
      '9.9K',
      '12K',
      '999K',
    ])
    expect([1_000_000, 2_560_000, 1_500_000_000].map(formatCount)).toEqual(['1M', '2.5M', '1.5B'])
  })
})
