// Times as the editor shows them: a clock with tenths (0:04.2) and a short length (4.2 s).

export function formatClock(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100))
  const minutes = Math.floor(tenths / 600)
  const seconds = Math.floor((tenths % 600) / 10)
  return `${minutes}:${String(seconds).padStart(2, '0')}.${tenths % 10}`
}

export function formatLength(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`
}
