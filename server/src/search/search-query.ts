// Turns what a viewer typed into safe search terms: a caption query for FTS5 in which every token
// is quoted (so FTS syntax — AND, NEAR, *, ^, quotes, column filters — is only ever text), a
// username prefix and a hashtag prefix. Pure, so it can be tested without a database.

/** Longer queries are refused with a clear error rather than searched. */
export const MAX_QUERY_LENGTH = 100
const MAX_TOKENS = 8

export interface SearchTerms {
  /** An FTS5 MATCH expression of quoted tokens, the last one a prefix; null when nothing to match. */
  captionMatch: string | null
  /** Lower-case username prefix, or null when the query cannot be the start of a username. */
  usernamePrefix: string | null
  /** Lower-case hashtag prefix without "#", or null when the query cannot start a hashtag. */
  hashtagPrefix: string | null
}

export class BadSearchQueryError extends Error {
  override name = 'BadSearchQueryError'
}

export function parseSearchQuery(raw: string): SearchTerms {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new BadSearchQueryError(`A search is at most ${MAX_QUERY_LENGTH} characters.`)
  }
  const text = raw.normalize('NFKC').trim().toLowerCase()
  // Letters (with their marks), digits and "_" only: the same characters the FTS tokenizer keeps,
  // which also makes the quoting below safe (a token can never contain a quote).
  const tokens = (text.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []).slice(0, MAX_TOKENS)
  const captionMatch =
    tokens.length === 0
      ? null
      : tokens.map((token, i) => `"${token}"${i === tokens.length - 1 ? '*' : ''}`).join(' ')
  const name = text.replace(/^@/, '')
  const tag = text.replace(/^#/, '')
  return {
    captionMatch,
    usernamePrefix: /^[a-z0-9_.]{1,30}$/.test(name) ? name : null,
    hashtagPrefix: /^[\p{L}\p{M}\p{N}_]{1,100}$/u.test(tag) ? tag : null,
  }
}
