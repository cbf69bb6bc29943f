// Reorders a ranked list so that a page never shows two reels of one creator in a row and no
// hashtag or sound crowds a stretch of the feed. Greedy: each slot takes the best-ranked reel
// that breaks no rule; if only cap-breaking reels are left, the best one that is not from the
// previous creator; and only when every reel left is the previous creator's, the best of those
// (a small server with one active creator still has a feed).

export interface DiversityRules {
  /** The caps apply to every run of this many consecutive reels. */
  window: number
  maxPerTag: number
  maxPerSound: number
}

interface Arrangeable {
  creatorId: string
  tags: readonly string[]
  soundId: string | null
}

function countIn(recent: readonly Arrangeable[], pick: (reel: Arrangeable) => boolean): number {
  let count = 0
  for (const reel of recent) if (pick(reel)) count++
  return count
}

function withinCaps(reel: Arrangeable, recent: readonly Arrangeable[], rules: DiversityRules): boolean {
  if (reel.soundId !== null && countIn(recent, (r) => r.soundId === reel.soundId) >= rules.maxPerSound) {
    return false
  }
  return reel.tags.every((tag) => countIn(recent, (r) => r.tags.includes(tag)) < rules.maxPerTag)
}

export function arrangeDiverse<T extends Arrangeable>(
  ranked: readonly T[],
  rules: DiversityRules,
  size = Infinity,
): T[] {
  const used = new Uint8Array(ranked.length)
  const out: T[] = []
  let first = 0
  while (out.length < size) {
    while (first < ranked.length && used[first]) first++
    if (first >= ranked.length) break
    const previous = out.at(-1)
    const recent = out.slice(-(rules.window - 1))
    let fallback = -1
    let sameCreator = -1
    let chosen = -1
    for (let i = first; i < ranked.length; i++) {
      const reel = ranked[i]!
      if (used[i]) continue
      if (reel.creatorId === previous?.creatorId) {
        if (sameCreator < 0) sameCreator = i
        continue
      }
      if (withinCaps(reel, recent, rules)) {
        chosen = i
        break
      }
      if (fallback < 0) fallback = i
    }
    const index = chosen >= 0 ? chosen : fallback >= 0 ? fallback : sameCreator
    used[index] = 1
    out.push(ranked[index]!)
  }
  return out
}
