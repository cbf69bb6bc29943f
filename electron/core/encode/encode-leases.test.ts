import { describe, expect, it } from 'vitest'
import { createEncodeLeases } from './encode-leases'

function leasesAt(maxAttempts = 3) {
  const clock = { now: 0 }
  const leases = createEncodeLeases({ leaseMs: 1000, maxAttempts, now: () => clock.now })
  return { clock, leases }
}

describe('encode leases', () => {
  it('keeps a lease while it is renewed and gives it up a whole lease after the last renewal', () => {
    const { clock, leases } = leasesAt()
    expect(leases.grant('a')).toBe(1)
    for (let i = 0; i < 5; i++) {
      clock.now += 900
      expect(leases.renew('a', 1)).toBe(true)
      expect(leases.takeExpired()).toEqual([])
    }
    clock.now += 999
    expect(leases.takeExpired()).toEqual([])
    clock.now += 1
    expect(leases.takeExpired()).toEqual([{ jobId: 'a', attempts: 1, exhausted: false }])
    // Taken once: the queue decides what happens next, and a late renewal is refused.
    expect(leases.takeExpired()).toEqual([])
    expect(leases.renew('a', 1)).toBe(false)
  })

  it('numbers claims, so a superseded runner cannot renew the new one', () => {
    const { clock, leases } = leasesAt()
    leases.grant('a')
    clock.now += 1000
    leases.takeExpired()
    expect(leases.grant('a')).toBe(2)
    expect(leases.renew('a', 1)).toBe(false)
    expect(leases.renew('a', 2)).toBe(true)
    // Progress without an attempt (an older runner) renews whichever claim holds the job.
    expect(leases.renew('a')).toBe(true)
  })

  it('says when a job has used its last claim', () => {
    const { clock, leases } = leasesAt(2)
    leases.grant('a')
    clock.now += 1000
    expect(leases.takeExpired()[0]?.exhausted).toBe(false)
    leases.grant('a')
    clock.now += 1000
    expect(leases.takeExpired()[0]).toEqual({ jobId: 'a', attempts: 2, exhausted: true })
  })

  it('forgets a released job: its next claim starts again at 1', () => {
    const { leases } = leasesAt()
    leases.grant('a')
    leases.grant('a')
    leases.release('a')
    expect(leases.renew('a')).toBe(false)
    expect(leases.grant('a')).toBe(1)
  })
})
