// Moving through the feed the way people expect from Reels and TikTok: one reel per wheel gesture
// (a trackpad flick sends dozens of events), ↑/↓ and Page Up/Down, and a vertical swipe on touch.
import { useEffect, useRef, type RefObject } from 'react'

const WHEEL_THRESHOLD = 40
/** A gesture ends when the wheel has been quiet this long (trackpad inertia keeps it busy). */
const WHEEL_QUIET_MS = 220
const SWIPE_MIN_PX = 50
const FLICK_MIN_PX = 20
const FLICK_MAX_MS = 250

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[role="dialog"]') !== null
  )
}

export function useReelNavigation(
  surface: RefObject<HTMLElement | null>,
  handlers: { next: () => void; previous: () => void },
): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    const element = surface.current
    if (!element) return
    const move = (direction: number) => (direction > 0 ? latest.current.next() : latest.current.previous())

    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
      if (isTyping(event.target)) return
      const direction = { ArrowDown: 1, PageDown: 1, ArrowUp: -1, PageUp: -1 }[event.key]
      if (direction === undefined) return
      event.preventDefault()
      move(direction)
    }

    let wheelSum = 0
    let wheelLocked = false
    let quietTimer: number | undefined
    function onWheel(event: WheelEvent) {
      if (event.ctrlKey) return // pinch-zoom
      event.preventDefault()
      window.clearTimeout(quietTimer)
      quietTimer = window.setTimeout(() => {
        wheelLocked = false
        wheelSum = 0
      }, WHEEL_QUIET_MS)
      if (wheelLocked) return
      wheelSum += event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY
      if (Math.abs(wheelSum) < WHEEL_THRESHOLD) return
      wheelLocked = true
      move(Math.sign(wheelSum))
      wheelSum = 0
    }

    let touchStart: { y: number; x: number; at: number } | null = null
    function onTouchStart(event: TouchEvent) {
      const touch = event.touches[0]
      touchStart =
        event.touches.length === 1 && touch ? { y: touch.clientY, x: touch.clientX, at: Date.now() } : null
    }
    function onTouchMove(event: TouchEvent) {
      // The feed moves, not the page: no scrolling or pull-to-refresh under the finger.
      if (touchStart && event.cancelable) event.preventDefault()
    }
    function onTouchEnd(event: TouchEvent) {
      const touch = event.changedTouches[0]
      if (!touchStart || !touch) return
      const dy = touchStart.y - touch.clientY
      const dx = touchStart.x - touch.clientX
      const quick = Date.now() - touchStart.at < FLICK_MAX_MS
      touchStart = null
      if (Math.abs(dy) < Math.abs(dx)) return
      if (Math.abs(dy) >= SWIPE_MIN_PX || (quick && Math.abs(dy) >= FLICK_MIN_PX)) move(Math.sign(dy))
    }

    window.addEventListener('keydown', onKey)
    element.addEventListener('wheel', onWheel, { passive: false })
    element.addEventListener('touchstart', onTouchStart, { passive: true })
    element.addEventListener('touchmove', onTouchMove, { passive: false })
    element.addEventListener('touchend', onTouchEnd)
    return () => {
      window.clearTimeout(quietTimer)
      window.removeEventListener('keydown', onKey)
      element.removeEventListener('wheel', onWheel)
      element.removeEventListener('touchstart', onTouchStart)
      element.removeEventListener('touchmove', onTouchMove)
      element.removeEventListener('touchend', onTouchEnd)
    }
  }, [surface])
}
