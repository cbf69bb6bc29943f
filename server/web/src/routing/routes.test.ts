import { expect, it } from 'vitest'
import { parseRoute, paths } from './routes'

const SOUND = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F'

it('reads a sound page and builds its path', () => {
  expect(parseRoute(`/s/${SOUND}`)).toEqual({ name: 'sound', soundId: SOUND })
  expect(parseRoute(`/s/${SOUND}/`)).toEqual({ name: 'sound', soundId: SOUND })
  expect(parseRoute(paths.sound(SOUND))).toEqual({ name: 'sound', soundId: SOUND })
  // Whatever the segment says reaches the page decoded, and the API call encodes it again.
  expect(parseRoute('/s/a%2Fb')).toEqual({ name: 'sound', soundId: 'a/b' })
  for (const path of ['/s', '/s/', '/s/%20', '/s/%E0%A4%A', `/s/${SOUND}/more`]) {
    expect(parseRoute(path), path).toEqual({ name: 'not-found' })
  }
})
