// A signed-out viewer's random id for this browser session: the server counts their views and
// shares by it (once per session per reel per hour), since it has no account to count by.
import { randomId } from './random-id'

const SESSION_KEY = 'spool.viewSession'

let fallbackSessionId: string | null = null

export function anonymousSessionId(): string {
  try {
    let id = window.sessionStorage.getItem(SESSION_KEY)
    if (!id) {
      id = randomId()
      window.sessionStorage.setItem(SESSION_KEY, id)
    }
    return id
  } catch {
    // Storage off: one id for this page's lifetime.
    fallbackSessionId ??= randomId()
    return fallbackSessionId
  }
}
