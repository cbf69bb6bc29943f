// Live numbers and comments from the server's reel:<id> documents (API.md "Live sync") over
// y-websocket. The app holds one subscription per reel, counted: the reel on screen and its
// neighbours are subscribed, and a reel scrolled away is let go after a short grace period, so
// moving back and forth does not reconnect. The documents are read-only for us; what we read is
// checked with the shared schemas, since a document is only bytes from the network. A document the
// server closes as gone (the reel was removed) marks the reel unavailable for the rest of the page's
// life: asking again would only be refused.
import { useEffect, useSyncExternalStore } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { LIVE_CLOSE, reelDocName, SYNC_PATH, type LiveComment } from '../../../../shared/api/live-docs'
import { readLiveReelDoc } from '../../../../shared/api/live-reel-doc'
import { isReelId } from '../../../../shared/reel/reel-id'
import { setReelCounts } from '../engagement/reel-counts'

/** How long a reel's document stays connected after nothing on screen needs it. */
const RELEASE_AFTER_MS = 5_000

interface Subscription {
  doc: Y.Doc
  provider: WebsocketProvider
  users: number
  releaseTimer: number | undefined
  comments: readonly LiveComment[]
  /** The server's copy has arrived and updates are flowing. */
  synced: boolean
}

const subscriptions = new Map<string, Subscription>()
const listeners = new Set<() => void>()
/** Reels the server said are no longer available (LIVE_CLOSE.gone). */
const goneReels = new Set<string>()

function notify(): void {
  for (const listener of listeners) listener()
}

function syncUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${window.location.host}${SYNC_PATH.replace(/\/$/, '')}`
}

function readDoc(reelId: string, subscription: Subscription): void {
  const { counts, comments } = readLiveReelDoc(subscription.doc)
  if (counts) setReelCounts(reelId, counts)
  subscription.comments = comments
  notify()
}

function open(reelId: string): Subscription {
  const doc = new Y.Doc()
  // The session cookie goes along with the upgrade by itself (same origin). No cross-tab
  // channel: each tab reads the server's copy, never another tab's.
  const provider = new WebsocketProvider(syncUrl(), reelDocName(reelId), doc, {
    disableBc: true,
    maxBackoffTime: 10_000,
  })
  const subscription: Subscription = {
    doc,
    provider,
    users: 0,
    releaseTimer: undefined,
    comments: [],
    synced: false,
  }
  doc.on('update', () => readDoc(reelId, subscription))
  provider.on('sync', (synced: boolean) => {
    subscription.synced = synced
    notify()
  })
  // y-websocket stops reconnecting on a 44xx close by itself; this one also means the reel is gone.
  provider.on('closed', ({ code }: { code: number }) => {
    if (code !== LIVE_CLOSE.gone) return
    goneReels.add(reelId)
    notify()
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected' && subscription.synced) {
      subscription.synced = false
      notify()
    }
  })
  return subscription
}

function subscribe(reelId: string): () => void {
  if (goneReels.has(reelId)) return () => undefined
  let subscription = subscriptions.get(reelId)
  if (!subscription) {
    subscription = open(reelId)
    subscriptions.set(reelId, subscription)
  }
  const held = subscription
  window.clearTimeout(held.releaseTimer)
  held.users++
  return () => {
    held.users--
    if (held.users > 0) return
    held.releaseTimer = window.setTimeout(() => {
      held.provider.destroy()
      held.doc.destroy()
      subscriptions.delete(reelId)
    }, RELEASE_AFTER_MS)
  }
}

/** Keeps these reels' documents connected while the component is mounted. */
export function useLiveReels(reelIds: readonly string[]): void {
  const key = reelIds.join(' ')
  useEffect(() => {
    // An id that cannot be a reel (an old link) has no document: asking would only fail, forever.
    const releases = key.split(' ').filter(isReelId).map(subscribe)
    return () => releases.forEach((release) => release())
  }, [key])
}

function subscribeToChanges(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}

/** The latest comments the reel's document holds, oldest first; null while it is not in sync. */
export function useLiveComments(reelId: string): readonly LiveComment[] | null {
  return useSyncExternalStore(subscribeToChanges, () => {
    const subscription = subscriptions.get(reelId)
    return subscription?.synced ? subscription.comments : null
  })
}

/** Whether this reel's numbers are live right now (its document is connected and in sync). */
export function useLiveSynced(reelId: string): boolean {
  return useSyncExternalStore(subscribeToChanges, () => subscriptions.get(reelId)?.synced ?? false)
}

/** Whether the server said this reel is no longer available (removed while the page was open). */
export function useReelGone(reelId: string): boolean {
  return useSyncExternalStore(subscribeToChanges, () => goneReels.has(reelId))
}
