// Short confirmations ("Link copied", "Thanks for reporting") at the bottom of the screen, read
// out by screen readers; one at a time, gone after a few seconds.
import { useSyncExternalStore } from 'react'

const SHOWN_MS = 3_500
let message: { text: string; id: number } | null = null
let timer: number | undefined
let ids = 0
const listeners = new Set<() => void>()

function set(next: typeof message): void {
  message = next
  for (const listener of listeners) listener()
}

export function showToast(text: string): void {
  window.clearTimeout(timer)
  set({ text, id: ++ids })
  timer = window.setTimeout(() => set(null), SHOWN_MS)
}

export function Toast() {
  const current = useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => message,
  )
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {current && (
        <p key={current.id} className="toast">
          {current.text}
        </p>
      )}
    </div>
  )
}
