import { describe, expect, it } from 'vitest'
import { hashtagsOf, mentionsOf, parseCaption } from './caption-entities'

describe('caption entities', () => {
  it('splits a caption into text, hashtags and mentions that rebuild it exactly', () => {
    const caption = 'Sunset run #Running #beach with @Mia.Rose!'
    const segments = parseCaption(caption)
    expect(segments).toEqual([
      { kind: 'text', text: 'Sunset run ' },
      { kind: 'hashtag', text: '#Running', tag: 'running' },
      { kind: 'text', text: ' ' },
      { kind: 'hashtag', text: '#beach', tag: 'beach' },
      { kind: 'text', text: ' with ' },
      { kind: 'mention', text: '@Mia.Rose', username: 'mia.rose' },
      { kind: 'text', text: '!' },
    ])
    expect(segments.map((s) => s.text).join('')).toBe(caption)
  })

  it('finds tags in any script and de-duplicates them case-insensitively', () => {
    expect(hashtagsOf('#café #Café #東京 #привет #snake_case')).toEqual([
      'café',
      '東京',
      'привет',
      'snake_case',
    ])
  })

  it('ignores numbers, e-mail addresses, URL fragments and glued symbols', () => {
    expect(hashtagsOf("we're #1 in 2024, see a.com/#top or x#y &#38;")).toEqual([])
    expect(mentionsOf('write to mia@example.com or @ab (too short) or @mia_')).toEqual(['mia_'])
  })

  it('keeps markup as plain text segments', () => {
    const segments = parseCaption('<img src=x onerror=alert(1)> #xss')
    expect(segments[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' })
    expect(segments[1]).toMatchObject({ kind: 'hashtag', tag: 'xss' })
  })
})
