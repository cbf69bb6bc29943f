// How the Dashboard writes numbers and times: compact counts (12.4K) like the apps creators know,
// and "5 min ago" for when a number was last known to be true.
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })

export function formatCount(value: number): string {
  return value < 10_000 ? value.toLocaleString('en') : compact.format(value)
}

/** "just now", "5 min ago", "3 h ago", "2 d ago"; a date after a week. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return ''
  const seconds = Math.max(0, Math.round((now - then) / 1000))
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 7) return `${days} d ago`
  return new Date(then).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' })
}
