import { describe, expect, it } from 'vitest'
import { createMediaCache } from './media-cache'

const body = (size: number, fill = 1) => Buffer.alloc(size, fill)

describe('createMediaCache', () => {
  it('keeps bodies up to its size and evicts the least recently used first', () => {
    const cache = createMediaCache(300)
    cache.set('a', body(100))
    cache.set('b', body(100))
    cache.set('c', body(100))
    expect(cache.get('a')).toBeDefined() // a is now the most recently used
    cache.set('d', body(100))
    expect(cache.get('b')).toBeUndefined()
    expect(['a', 'c', 'd'].map((key) => cache.get(key)?.length)).toEqual([100, 100, 100])
    expect(cache.bytes).toBe(300)
  })

  it('does not keep a body larger than an entry may be, and counts a key once', () => {
    const cache = createMediaCache(1000, 200)
    cache.set('big', body(201))
    expect(cache.get('big')).toBeUndefined()
    cache.set('x', body(150))
    cache.set('x', body(150, 2))
    expect(cache.bytes).toBe(150)
    expect(cache.get('x')![0]).toBe(1)
  })

  it('keeps nothing when its size is 0', () => {
    const cache = createMediaCache(0)
    cache.set('a', body(1))
    expect(cache.get('a')).toBeUndefined()
    expect(cache.bytes).toBe(0)
  })
})
