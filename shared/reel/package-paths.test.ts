import { describe, expect, it } from 'vitest'
import { isSafePackagePath, packageFileRole } from './package-paths'

describe('isSafePackagePath', () => {
  it.each(['manifest.json', '720p/seg000.m4s', 'a_b-c.d', 'x'.repeat(64)])('allows %j', (path) => {
    expect(isSafePackagePath(path)).toBe(true)
  })

  it.each([
    '',
    '/abs',
    'a//b',
    'a/',
    '..',
    '.',
    'a/..',
    'a/./b',
    'a..b',
    'a/b/c',
    'a b',
    'a\\b',
    'é',
    'x'.repeat(65),
    'a\0b',
  ])('refuses %j', (path) => {
    expect(isSafePackagePath(path)).toBe(false)
  })
})

describe('packageFileRole', () => {
  const renditions = new Set(['720p'])
  it('names what each contract path is', () => {
    expect(packageFileRole('master.m3u8', renditions)).toEqual({ kind: 'master' })
    expect(packageFileRole('720p/init.mp4', renditions)).toEqual({ kind: 'init', rendition: '720p' })
    expect(packageFileRole('720p/seg7.m4s', renditions)).toEqual({ kind: 'segment', rendition: '720p' })
  })

  it('has no place for anything else', () => {
    for (const path of ['360p/init.mp4', '720p/.m4s', '720p/poster.jpg', 'index.m3u8', 'notes.txt']) {
      expect(packageFileRole(path, renditions), path).toBeNull()
    }
  })
})
