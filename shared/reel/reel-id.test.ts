import { expect, it } from 'vitest'
import { isReelId } from './reel-id'

it('accepts canonical ULIDs only', () => {
  expect(isReelId('01JD8Z7Q3X4Y5Z6A7B8C9D0E1F')).toBe(true)
  expect(isReelId('7ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBe(true)
  for (const id of [
    '01jd8z7q3x4y5z6a7b8c9d0e1f',
    '01JD8Z7Q3X4Y5Z6A7B8C9D0E1',
    '81JD8Z7Q3X4Y5Z6A7B8C9D0E1F',
    '01JD8Z7Q3X4Y5Z6A7B8C9D0E1U',
  ]) {
    expect(isReelId(id), id).toBe(false)
  }
})
