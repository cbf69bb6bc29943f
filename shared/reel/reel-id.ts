// Reel ids are ULIDs made by the studio: 26 characters of Crockford base32. We accept only the
// canonical upper-case spelling, because the id is also a storage key and a URL segment: two
// spellings of one id would be two reels on a case-sensitive disk and one on a case-insensitive one.
const REEL_ID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

/** True for a canonical ULID (the first character is at most 7: 48-bit timestamps end there). */
export function isReelId(value: string): boolean {
  return REEL_ID.test(value)
}
