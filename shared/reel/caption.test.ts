import { expect, it } from 'vitest'
import { captionLength } from './caption'

it('counts code points, so an emoji is one character', () => {
  expect(captionLength('hello')).toBe(5)
  expect(captionLength('🎬🎬')).toBe(2)
  expect('🎬🎬'.length).toBe(4)
})
