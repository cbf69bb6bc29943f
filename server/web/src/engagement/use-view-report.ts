// Reports views (POST /api/reels/:id/views) for the reel on screen: once the watch is long enough
// to count, so the number goes up for everyone while the viewer is still watching, and again when
// the viewer leaves (next reel, another page, tab hidden or closed) with the whole watch time, so
// the server also learns how much was watched and whether it was watched through. It counts a
// viewer once per hour, so the second report never counts twice. Signed-out viewers send a random
// id kept for the browser session, which is what the server counts them by.
import { useEffect } from 'react'
import { currentSession } from '../session/session-store'
import { anonymousSessionId } from './anonymous-session'
import { sendView } from './engagement-api'
import { qualifyingWatchMs, WatchClock } from './watch-clock'

/** A last report is worth sending only if it adds at least this much watching. */
const FINAL_REPORT_MIN_GAIN_MS = 500

function report(reelId: string, watchedMs: number, keepalive: boolean): void {
  const sessionId = currentSession().status === 'signed-in' ? undefined : anonymousSessionId()
  // A lost view report is not worth bothering the viewer about.
  sendView(reelId, watchedMs, sessionId, keepalive).catch(() => undefined)
}

/** The element's play state drives the clock; `element` is the reel's <video> while it is on screen. */
export function useViewReport(
  reelId: string,
  durationMs: number | null,
  element: HTMLVideoElement | null,
  active: boolean,
): void {
  useEffect(() => {
    if (!active || !element) return
    const clock = new WatchClock()
    let reported = 0
    const qualifying = qualifyingWatchMs(durationMs)
    if (!element.paused && element.readyState >= 3) clock.start()

    const start = () => clock.start()
    const stop = () => clock.stop()
    const check = () => {
      const watched = clock.watchedMs()
      if (reported === 0 && watched >= qualifying) {
        reported = watched
        report(reelId, watched, false)
      }
    }
    const finish = () => {
      clock.stop()
      const watched = clock.watchedMs()
      if (watched > 0 && watched - reported >= FINAL_REPORT_MIN_GAIN_MS) {
        reported = watched
        report(reelId, watched, true)
      }
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') finish()
      else if (!element.paused) clock.start()
    }

    const listeners: Array<[EventTarget, string, () => void]> = [
      [element, 'playing', start],
      [element, 'pause', stop],
      [element, 'waiting', stop],
      [element, 'timeupdate', check],
      [document, 'visibilitychange', onVisibility],
      [window, 'pagehide', finish],
    ]
    for (const [target, type, listener] of listeners) target.addEventListener(type, listener)
    return () => {
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener)
      finish()
    }
  }, [reelId, durationMs, element, active])
}
