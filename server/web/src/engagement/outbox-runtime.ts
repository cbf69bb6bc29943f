// The page's one outbox (engagement/outbox.ts) on localStorage, sending likes and comments with
// fetch. It flushes when an action is added, when the browser comes back online, when the viewer
// signs in, when another tab changed it, and on a doubling timer while the server does not answer.
import { useSyncExternalStore } from 'react'
import { ApiError, ServerUnreachableError } from '../api/api-client'
import { showToast } from '../components/toast'
import { currentSession, onSessionChange } from '../session/session-store'
import { sendComment, sendLike } from './engagement-api'
import { Outbox, type OutboxAction, type OutboxEvent, type SendOutcome } from './outbox'
import { refreshReelCounts, setReelCounts } from './reel-counts'
import { setMark } from './viewer-marks'

const STORAGE_KEY = 'spool.outbox'
const FIRST_RETRY_MS = 2_000
const LAST_RETRY_MS = 60_000

const storage = {
  read: () => window.localStorage.getItem(STORAGE_KEY),
  write: (value: string) => window.localStorage.setItem(STORAGE_KEY, value),
}

async function send(action: OutboxAction): Promise<SendOutcome> {
  // The browser knows it is offline: no request that can only fail.
  if (!navigator.onLine) return { status: 'retry' }
  try {
    const result =
      action.kind === 'like'
        ? await sendLike(action.reelId, action.liked, action.key)
        : await sendComment(action.reelId, { text: action.text, parentId: action.parentId }, action.key)
    return { status: 'sent', result }
  } catch (error) {
    return outcomeOf(error)
  }
}

function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof ServerUnreachableError || !(error instanceof ApiError)) return { status: 'retry' }
  if (error.status === 401 || error.code === 'csrf_failed') return { status: 'signed-out' }
  if (error.status === 429 || error.status === 408 || error.status >= 500) return { status: 'retry' }
  return { status: 'rejected', message: error.message }
}

export const outbox = new Outbox(storage, send)

let retryDelay = FIRST_RETRY_MS
let retryTimer: number | undefined

/** Sends what the signed-in viewer has waiting; schedules another try when some must wait. */
export function flushOutbox(): void {
  const session = currentSession()
  if (session.status !== 'signed-in') return
  window.clearTimeout(retryTimer)
  void outbox.flush(session.user.username).then((result) => {
    if (result.sent > 0 || result.rejected > 0) retryDelay = FIRST_RETRY_MS
    window.clearTimeout(retryTimer)
    if (result.waiting === 0) return
    retryTimer = window.setTimeout(flushOutbox, retryDelay)
    retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS)
  })
}

/** Queues an action and tries to send it at once; false when too much is already waiting. */
export function queueAction(action: OutboxAction): boolean {
  if (!outbox.add(action)) return false
  retryDelay = FIRST_RETRY_MS
  flushOutbox()
  return true
}

window.addEventListener('online', () => {
  retryDelay = FIRST_RETRY_MS
  flushOutbox()
})
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY) outbox.reload()
})
onSessionChange(flushOutbox)

outbox.subscribe((event) => {
  if (event?.type === 'rejected') {
    showToast(`Your ${event.action.kind} couldn't be sent: ${event.message}`)
    return
  }
  if (event?.type !== 'sent') return
  const { action } = event
  if (action.kind === 'like') {
    setMark(action.username, 'liked', action.reelId, action.liked)
    setReelCounts(action.reelId, { likes: (event.result as { likes: number }).likes })
  } else {
    refreshReelCounts(action.reelId)
  }
})

/** The actions waiting, for "Sending…" / "Waiting for connection" states. */
export function usePendingActions(): readonly OutboxAction[] {
  return useSyncExternalStore(
    (onChange) => outbox.subscribe(onChange),
    () => outbox.pending(),
  )
}

/** Every sent or refused action, e.g. to put a sent comment in the list or show why it failed. */
export function onOutboxResult(listener: (event: OutboxEvent) => void): () => void {
  return outbox.subscribe((event) => event && listener(event))
}
