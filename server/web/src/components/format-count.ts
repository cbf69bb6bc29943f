// Counts the way reel apps show them: 999, 1.2K, 12K, 1.2M.
export function formatCount(n: number): string {
  if (n < 1000) return String(n)
  const [value, unit] =
    n < 1_000_000 ? [n / 1000, 'K'] : n < 1_000_000_000 ? [n / 1_000_000, 'M'] : [n / 1e9, 'B']
  // One decimal below 10 (1.2K), none above (12K); never round up into "1000K".
  const shown = value < 10 ? Math.floor(value * 10) / 10 : Math.floor(value)
  return `${shown}${unit}`
}
