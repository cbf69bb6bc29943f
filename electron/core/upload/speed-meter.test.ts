import { describe, expect, it } from 'vitest'
import { createSpeedMeter } from './speed-meter'

describe('speed meter', () => {
  it('reports nothing before two samples, then a smoothed speed and remaining time', () => {
    const meter = createSpeedMeter(1000)
    expect(meter.sample(0, 0)).toBeNull()
    expect(meter.sample(1_000_000, 1000)).toBe(1_000_000)
    expect(meter.remainingMs(1_000_000, 3_000_000)).toBe(2000)
  })

  it('moves towards a new speed without jumping to it', () => {
    const meter = createSpeedMeter(1000)
    meter.sample(0, 0)
    meter.sample(1_000_000, 1000)
    const after = meter.sample(1_000_000 + 3_000_000, 2000)!
    expect(after).toBeGreaterThan(1_000_000)
    expect(after).toBeLessThan(3_000_000)
  })
})
