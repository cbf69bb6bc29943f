import { describe, expect, it } from 'vitest'
import { BadSearchQueryError, MAX_QUERY_LENGTH, parseSearchQuery } from './search-query'

describe('parseSearchQuery', () => {
  it('quotes every token and makes the last one a prefix', () => {
    expect(parseSearchQuery('  Morning RUN ').captionMatch).toBe('"morning" "run"*')
    expect(parseSearchQuery('café').captionMatch).toBe('"café"*')
  })

  it('turns FTS syntax into plain words, so it cannot change the query', () => {
    expect(parseSearchQuery('run OR NOT "x" NEAR(a b) caption:* ^y').captionMatch).toBe(
      '"run" "or" "not" "x" "near" "a" "b" "caption"*',
    )
    expect(parseSearchQuery('"*^():-+').captionMatch).toBeNull()
  })

  it('finds username and hashtag prefixes, with or without @ and #', () => {
    expect(parseSearchQuery('@Mi')).toMatchObject({ usernamePrefix: 'mi', hashtagPrefix: null })
    expect(parseSearchQuery('#Sun')).toMatchObject({ usernamePrefix: null, hashtagPrefix: 'sun' })
    expect(parseSearchQuery('run')).toMatchObject({ usernamePrefix: 'run', hashtagPrefix: 'run' })
    expect(parseSearchQuery('two words')).toMatchObject({ usernamePrefix: null, hashtagPrefix: null })
  })

  it('refuses a query over the length limit', () => {
    expect(() => parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH + 1))).toThrow(BadSearchQueryError)
    expect(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH)).captionMatch).toBe(
      `"${'a'.repeat(MAX_QUERY_LENGTH)}"*`,
    )
  })
})
