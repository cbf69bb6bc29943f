// When a watch counts as a view (API.md "Engagement"): at least 3 s, or at least half of a reel
// shorter than 6 s — so a 2 s reel watched once through counts — and once per viewer per reel per
// hour, so replays and refreshes do not inflate the number.
export const MIN_COUNTED_WATCH_MS = 3_000
export const VIEW_REPEAT_WINDOW_MS = 60 * 60_000

/** Whether this much watching is enough to count, whoever watched. */
export function watchQualifies(watchedMs: number, durationMs: number | null): boolean {
  if (watchedMs >= MIN_COUNTED_WATCH_MS) return true
  return durationMs !== null && durationMs > 0 && watchedMs >= durationMs / 2
}

/** Whether the reel was watched to the end (loops count: watchedMs may exceed the duration). */
export function watchCompleted(watchedMs: number, durationMs: number | null): boolean {
  return durationMs !== null && durationMs > 0 && watchedMs >= durationMs
}

/**
 * The whole rule: a qualifying watch counts unless the same viewer was counted on this reel less
 * than an hour ago (`lastCountedAt`, or null when never).
 */
export function viewCounts(
  watch: { watchedMs: number; durationMs: number | null; now: number },
  lastCountedAt: number | null,
): boolean {
  if (!watchQualifies(watch.watchedMs, watch.durationMs)) return false
  return lastCountedAt === null || watch.now - lastCountedAt >= VIEW_REPEAT_WINDOW_MS
}
