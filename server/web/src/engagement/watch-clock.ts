// How long a reel has really played during one turn on screen: wall-clock time between "playing"
// and the next pause, stall or hidden page. Loops keep counting (a rewatch is watching).
export class WatchClock {
  private total = 0
  private since: number | null = null

  constructor(private readonly now: () => number = () => performance.now()) {}

  start(): void {
    this.since ??= this.now()
  }

  stop(): void {
    if (this.since === null) return
    this.total += this.now() - this.since
    this.since = null
  }

  /** Milliseconds played so far, whole. */
  watchedMs(): number {
    return Math.round(this.total + (this.since === null ? 0 : this.now() - this.since))
  }
}

/** When a watch is long enough to count (server/src/engagement/view-rule.ts): 3 s, or half a short reel. */
export function qualifyingWatchMs(durationMs: number | null): number {
  return durationMs !== null && durationMs > 0 ? Math.min(3_000, Math.ceil(durationMs / 2)) : 3_000
}
