// Upload speed for people: bytes per second smoothed over a few seconds (an exponential moving
// average), so the number and the remaining time do not jump with every chunk.
export interface SpeedMeter {
  /** Records the bytes sent so far; returns the smoothed speed (null until there is enough). */
  sample(bytesSent: number, now?: number): number | null
  remainingMs(bytesSent: number, bytesTotal: number): number | null
}

export function createSpeedMeter(halfLifeMs = 2000): SpeedMeter {
  let last: { bytes: number; at: number } | null = null
  let speed: number | null = null
  return {
    sample(bytesSent, now = Date.now()) {
      if (last && now > last.at && bytesSent >= last.bytes) {
        const elapsed = now - last.at
        const instant = ((bytesSent - last.bytes) * 1000) / elapsed
        const weight = 1 - 0.5 ** (elapsed / halfLifeMs)
        speed = speed === null ? instant : speed + (instant - speed) * weight
      }
      if (!last || now > last.at) last = { bytes: bytesSent, at: now }
      return speed
    },
    remainingMs(bytesSent, bytesTotal) {
      if (!speed || speed <= 0) return null
      return Math.round(((bytesTotal - bytesSent) * 1000) / speed)
    },
  }
}
