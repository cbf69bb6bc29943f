// Slows down password guessing: failures are counted per account and per client address, and
// after a few of them each key is locked out for a delay that doubles with every further failure.
// In memory on purpose: one process holds it in the embedded set-up, and a lost counter after a
// restart costs an attacker's guesses nothing they could not get by waiting.
export interface ThrottleOptions {
  freeFailures: number
  baseDelayMs: number
  maxDelayMs: number
  /** Failures older than this are forgotten. */
  windowMs: number
}

const DEFAULTS: ThrottleOptions = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
}

interface Entry {
  failures: number
  lastFailure: number
  lockedUntil: number
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>()
  private readonly options: ThrottleOptions

  constructor(
    options: Partial<ThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options }
  }

  /** Milliseconds the caller must wait before trying again with these keys (0: go ahead). */
  retryAfter(keys: string[]): number {
    const now = this.now()
    return Math.max(0, ...keys.map((key) => (this.live(key, now)?.lockedUntil ?? 0) - now))
  }

  recordFailure(keys: string[]): void {
    const now = this.now()
    for (const key of keys) {
      const entry = this.live(key, now) ?? { failures: 0, lastFailure: now, lockedUntil: 0 }
      entry.failures += 1
      entry.lastFailure = now
      const over = entry.failures - this.options.freeFailures - 1
      if (over >= 0) {
        entry.lockedUntil =
          now + Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** Math.min(over, 30))
      }
      this.entries.set(key, entry)
    }
    if (this.entries.size > 100_000) this.prune(now)
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key)
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && now - entry.lastFailure > this.options.windowMs && now >= entry.lockedUntil) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private prune(now: number): void {
    for (const key of this.entries.keys()) this.live(key, now)
  }
}
