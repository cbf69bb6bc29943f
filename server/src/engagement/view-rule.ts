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

/**
 * How long a watch may sit paused or stalled on screen between two of its reports. Players report
 * a watch when it counts and again, with the whole watch time, when the viewer leaves; the wall
 * clock between the two is the time played plus pauses and network delays.
 */
export const WATCH_PAUSE_ALLOWANCE_MS = 60_000

/**
 * Whether a report carries on the viewer's previous report on the same reel (the same watch,
 * longer now) rather than starting a new watch: it must add watch time and arrive no later than
 * that time plus the allowance. A report that counts always starts its own row: a row's `counted`
 * never changes once written, which keeps the once-an-hour rule and trending exact.
 */
export function continuesWatch(
  previous: { watchedMs: number; reportedAt: number },
  report: { watchedMs: number; counted: boolean; at: number },
): boolean {
  const gained = report.watchedMs - previous.watchedMs
  const elapsed = report.at - previous.reportedAt
  return !report.counted && gained > 0 && elapsed >= 0 && elapsed <= gained + WATCH_PAUSE_ALLOWANCE_MS
}
