// Runs a per-key job soon after it is asked for, then at most once per interval while asks keep
// coming: a burst of views on one reel becomes one document update every `intervalMs`, while a
// lone like still goes out at once. Jobs read the current state when they run, so asks that are
// merged lose nothing.
export function createWriteThrottle(
  intervalMs: number,
  run: (key: string) => void,
  onError: (error: unknown, key: string) => void,
) {
  /** Keys that ran recently; `again` when asked for during that pause. */
  const cooling = new Map<string, { again: boolean; timer: NodeJS.Timeout }>()
  const soon = new Map<string, NodeJS.Timeout>()
  let stopped = false

  function runNow(key: string): void {
    try {
      run(key)
    } catch (error) {
      onError(error, key)
    }
    const entry = {
      again: false,
      timer: setTimeout(() => {
        cooling.delete(key)
        if (entry.again) runNow(key)
      }, intervalMs),
    }
    cooling.set(key, entry)
  }

  return {
    ask(key: string): void {
      if (stopped) return
      const pause = cooling.get(key)
      if (pause) {
        pause.again = true
        return
      }
      if (soon.has(key)) return
      // Next turn of the event loop: the request that asked answers first, and asks made in the
      // same turn (a batch of writes) share one run.
      soon.set(
        key,
        setTimeout(() => {
          soon.delete(key)
          runNow(key)
        }, 0),
      )
    },
    /** Runs every pending job now and stops all timers (shutdown, before the database closes). */
    stop(): void {
      stopped = true
      const pending = [...soon.keys(), ...[...cooling].filter(([, e]) => e.again).map(([k]) => k)]
      for (const timer of soon.values()) clearTimeout(timer)
      for (const { timer } of cooling.values()) clearTimeout(timer)
      soon.clear()
      cooling.clear()
      for (const key of pending) {
        try {
          run(key)
        } catch (error) {
          onError(error, key)
        }
      }
    },
  }
}
