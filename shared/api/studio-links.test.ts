import { describe, expect, it } from 'vitest'
import { buildUseSoundLink, parseUseSoundLink } from './studio-links'

const SOUND = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F'

describe('buildUseSoundLink', () => {
  it('builds the contract link with the origin percent-encoded', () => {
    expect(buildUseSoundLink({ server: 'http://127.0.0.1:4100', sound: SOUND })).toBe(
      `spool://use-sound?server=http%3A%2F%2F127.0.0.1%3A4100&sound=${SOUND}`,
    )
  })

  it('normalises the server to its origin', () => {
    const link = buildUseSoundLink({ server: 'HTTPS://Spool.Example:443/', sound: SOUND })
    expect(parseUseSoundLink(link)).toEqual({ server: 'https://spool.example', sound: SOUND })
  })

  it('refuses what the parser would refuse', () => {
    expect(() => buildUseSoundLink({ server: 'ftp://spool.example', sound: SOUND })).toThrow(/server origin/)
    expect(() => buildUseSoundLink({ server: 'https://spool.example/app', sound: SOUND })).toThrow()
    expect(() => buildUseSoundLink({ server: 'https://spool.example', sound: 'nope' })).toThrow(/reel id/)
  })
})

describe('parseUseSoundLink', () => {
  it('round-trips a built link', () => {
    for (const server of ['http://localhost:8080', 'https://spool.example', 'http://[::1]:3000']) {
      expect(parseUseSoundLink(buildUseSoundLink({ server, sound: SOUND }))).toEqual({
        server,
        sound: SOUND,
      })
    }
  })

  it('accepts the slash some platforms add after the host, and ignores unknown parameters', () => {
    const server = encodeURIComponent('https://spool.example')
    expect(parseUseSoundLink(`spool://use-sound/?server=${server}&sound=${SOUND}`)).toEqual({
      server: 'https://spool.example',
      sound: SOUND,
    })
    expect(parseUseSoundLink(`spool://use-sound?sound=${SOUND}&v=2&server=${server}`)).toEqual({
      server: 'https://spool.example',
      sound: SOUND,
    })
  })

  it('returns null for anything else', () => {
    const server = encodeURIComponent('https://spool.example')
    const bad = [
      '',
      'not a url',
      `https://use-sound?server=${server}&sound=${SOUND}`,
      `spool://open-draft?server=${server}&sound=${SOUND}`,
      `spool://use-sound/extra?server=${server}&sound=${SOUND}`,
      `spool://user:pw@use-sound?server=${server}&sound=${SOUND}`,
      `spool://use-sound:99?server=${server}&sound=${SOUND}`,
      `spool://use-sound?server=${server}&sound=${SOUND}#x`,
      `spool://use-sound?sound=${SOUND}`,
      `spool://use-sound?server=${server}`,
      `spool://use-sound?server=${server}&server=${server}&sound=${SOUND}`,
      `spool://use-sound?server=${server}&sound=${SOUND}&sound=${SOUND}`,
      `spool://use-sound?server=${server}&sound=${SOUND.toLowerCase()}`,
      `spool://use-sound?server=${server}&sound=..%2F${SOUND}`,
      `spool://use-sound?server=${encodeURIComponent('javascript:alert(1)')}&sound=${SOUND}`,
      `spool://use-sound?server=${encodeURIComponent('file:///etc')}&sound=${SOUND}`,
      `spool://use-sound?server=${encodeURIComponent('https://a:b@spool.example')}&sound=${SOUND}`,
      `spool://use-sound?server=${encodeURIComponent('https://spool.example/api')}&sound=${SOUND}`,
      `spool://use-sound?server=${encodeURIComponent('https://spool.example?x=1')}&sound=${SOUND}`,
      `spool://use-sound?server=${server}&sound=${SOUND}&pad=${'x'.repeat(3000)}`,
    ]
    for (const text of bad) expect(parseUseSoundLink(text), text).toBeNull()
  })
})
