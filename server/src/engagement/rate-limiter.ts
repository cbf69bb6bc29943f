// A sliding-window rate limiter: at most `limit` hits per key in any `windowMs`. It keeps the
// times of the hits still inside the window (a log), which is exact and small at our limits
// (a few hundred per key). In memory on purpose, like the login throttle: one process serves the
// embedded set-up, and a restart forgetting the counts only gives a little slack.
export interface RateLimit {
  limit: number
  windowMs: number
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    private readonly options: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records a hit for every key if all of them have room, and answers 0; otherwise records
   * nothing and answers how many milliseconds until the fullest key has room again.
   */
  take(keys: readonly string[]): number {
    const now = this.now()
    let wait = 0
    for (const key of keys) {
      const times = this.live(key, now)
      if (times.length >= this.options.limit) {
        // The oldest hit leaving the window frees the next slot.
        wait = Math.max(wait, times[times.length - this.options.limit]! + this.options.windowMs - now)
      }
    }
    if (wait > 0) return wait
    for (const key of keys) {
      const times = this.live(key, now)
      times.push(now)
      this.hits.set(key, times)
    }
    if (this.hits.size > 100_000) this.prune(now)
    return 0
  }

  private live(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? []
    const start = now - this.options.windowMs
    let drop = 0
    while (drop < times.length && times[drop]! <= start) drop++
    return drop === 0 ? times : times.slice(drop)
  }

  private prune(now: number): void {
    for (const key of [...this.hits.keys()]) {
      if (this.live(key, now).length === 0) this.hits.delete(key)
    }
  }
}
