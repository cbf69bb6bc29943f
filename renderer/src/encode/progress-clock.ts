// Progress of a job made of weighted passes: the percentage of all the work, the time spent, and an
// estimate of the time left once enough is done to guess (early guesses swing wildly).
export interface ProgressReading {
  percent: number
  elapsedMs: number
  remainingMs: number | null
}

export function createProgressClock(weights: readonly number[], now: () => number = () => Date.now()) {
  const startedAt = now()
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  let pass = 0
  let inPass = 0
  return {
    /** `fraction` (0–1) of the pass `index` is done. */
    update(index: number, fraction: number): ProgressReading {
      if (index > pass) inPass = 0
      pass = index
      inPass = Math.max(inPass, Math.min(1, Math.max(0, fraction)))
      return this.reading()
    },
    reading(): ProgressReading {
      const done =
        weights.slice(0, pass).reduce((sum, weight) => sum + weight, 0) + (weights[pass] ?? 0) * inPass
      const share = total > 0 ? Math.min(1, done / total) : 0
      const elapsedMs = Math.max(0, Math.round(now() - startedAt))
      const remainingMs = share >= 0.05 ? Math.round((elapsedMs / share) * (1 - share)) : null
      return { percent: Math.round(share * 1000) / 10, elapsedMs, remainingMs }
    },
  }
}
