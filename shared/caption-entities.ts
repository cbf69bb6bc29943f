// #hashtags and @mentions in a caption, parsed the same way everywhere: the server stores them,
// the studio highlights them while typing, the viewer app turns them into links. The caption is
// split into segments, so rendering never needs HTML: every segment is plain text.
export type CaptionSegment =
  | { kind: 'text'; text: string }
  | { kind: 'hashtag'; text: string; tag: string }
  | { kind: 'mention'; text: string; username: string }

// A tag is letters, marks, digits and "_" in any script, and must hold at least one letter
// (so "#1" in "we're #1" is not a tag); "#" or "@" glued to a preceding word (a@b.c) is neither.
const ENTITY =
  /(?<![\p{L}\p{M}\p{N}_&/])(?:#([\p{L}\p{M}\p{N}_]{1,100})|@([a-zA-Z0-9_](?:[a-zA-Z0-9_.]{1,28}[a-zA-Z0-9_])))/gu
const HAS_LETTER = /[\p{L}_]/u

export function parseCaption(caption: string): CaptionSegment[] {
  const segments: CaptionSegment[] = []
  let last = 0
  for (const match of caption.matchAll(ENTITY)) {
    const [text, tag, username] = match
    if (tag !== undefined && !HAS_LETTER.test(tag)) continue
    if (match.index > last) segments.push({ kind: 'text', text: caption.slice(last, match.index) })
    segments.push(
      tag !== undefined
        ? { kind: 'hashtag', text, tag: tag.toLowerCase() }
        : { kind: 'mention', text, username: username!.toLowerCase() },
    )
    last = match.index + text.length
  }
  if (last < caption.length) segments.push({ kind: 'text', text: caption.slice(last) })
  return segments
}

/** Distinct hashtags (lower-case, without "#"), in order of first appearance. */
export function hashtagsOf(caption: string): string[] {
  return [...new Set(parseCaption(caption).flatMap((s) => (s.kind === 'hashtag' ? [s.tag] : [])))]
}

/** Distinct mentioned usernames (lower-case, without "@"), in order of first appearance. */
export function mentionsOf(caption: string): string[] {
  return [...new Set(parseCaption(caption).flatMap((s) => (s.kind === 'mention' ? [s.username] : [])))]
}
