// Who is encoding which job, for how long. A runner (a studio window) holds a lease on the job it
// claimed and renews it while it works; a window that closes or crashes stops renewing, and the
// queue takes the job back when the lease runs out. Leases live in memory on purpose: they only
// mean something while this core runs (start-up requeues every job a previous run left running).
// Each claim gets the next attempt number, which fences off a runner whose lease was taken back
// (a frozen tab that wakes up): its renewals name an old attempt and are refused.

export interface LeaseTuning {
  /** How long a claim lasts without a renewal. Long enough for a hidden tab's throttled timers. */
  leaseMs: number
  /** Claims a job may have; one more expiry after the last ends the job as failed. */
  maxAttempts: number
  now?: () => number
}

export const DEFAULT_LEASE_TUNING: LeaseTuning = { leaseMs: 90_000, maxAttempts: 3 }

interface Lease {
  attempt: number
  until: number
}

export function createEncodeLeases(tuning: LeaseTuning) {
  const now = tuning.now ?? Date.now
  const leases = new Map<string, Lease>()
  const attempts = new Map<string, number>()

  return {
    leaseMs: tuning.leaseMs,
    /** A new claim of the job: returns its attempt number (1 for the first claim). */
    grant(jobId: string): number {
      const attempt = (attempts.get(jobId) ?? 0) + 1
      attempts.set(jobId, attempt)
      leases.set(jobId, { attempt, until: now() + tuning.leaseMs })
      return attempt
    },
    /** Extends the lease; false when the job is not leased, or to another attempt. */
    renew(jobId: string, attempt?: number): boolean {
      const lease = leases.get(jobId)
      if (!lease || (attempt !== undefined && attempt !== lease.attempt)) return false
      lease.until = now() + tuning.leaseMs
      return true
    },
    /** The jobs whose lease ran out, and whether each has claims left. Their leases are dropped. */
    takeExpired(): Array<{ jobId: string; attempts: number; exhausted: boolean }> {
      const at = now()
      const expired = []
      for (const [jobId, lease] of leases) {
        if (lease.until > at) continue
        leases.delete(jobId)
        expired.push({ jobId, attempts: lease.attempt, exhausted: lease.attempt >= tuning.maxAttempts })
      }
      return expired
    },
    /** The job ended (done, failed, cancelled): forget it. */
    release(jobId: string): void {
      leases.delete(jobId)
      attempts.delete(jobId)
    },
  }
}

export type EncodeLeases = ReturnType<typeof createEncodeLeases>
