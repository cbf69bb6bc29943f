import { describe, expect, it } from 'vitest'
import { parseMediaPath } from './media-path'

const id = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F'

describe('parseMediaPath', () => {
  it('accepts the package layout', () => {
    expect(parseMediaPath(`/media/${id}/master.m3u8`)).toEqual({ reelId: id, path: 'master.m3u8' })
    expect(parseMediaPath(`/media/${id}/720p/seg001.m4s`)).toEqual({ reelId: id, path: '720p/seg001.m4s' })
  })

  it.each([
    `/media/${id}/../${id}/master.m3u8`,
    `/media/${id}/720p/..`,
    `/media/${id}/720p/a..b`,
    `/media/${id}/.hidden`,
    `/media/${id}/720p%2F..%2Fx`,
    `/media/${id}/720P/seg001.m4s`,
    `/media/${id}/a/b/c.m4s`,
    `/media/${id.toLowerCase()}/master.m3u8`,
    `/media/${id}/`,
    `/media/${id}`,
    '/media/../etc/passwd',
  ])('refuses %s', (path) => {
    expect(parseMediaPath(path)).toBeNull()
  })
})
