// How an upload reads on the Uploads screen and on library badges: speed, time left, and its
// state in words (which depends on the account too: a queued reel may wait for sign-in or for
// the server to come back).
import type { Account, UploadItem } from '../../../shared/rpc/contract'

const MB = 1024 * 1024

/** 3_250_000 → "3.1 MB/s"; slow links in KB/s. */
export function formatSpeed(bytesPerSecond: number): string {
  if (bytesPerSecond < MB) return `${Math.max(1, Math.round(bytesPerSecond / 1024))} KB/s`
  return `${(bytesPerSecond / MB).toFixed(1)} MB/s`
}

/** 12_400 → "13 s left", 200_000 → "3 min 20 s left", over an hour → "1 h 5 min left". */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 60) return `${seconds} s left`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${seconds % 60} s left`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`
}

/** "1.2 of 3.4 MB". */
export function formatBytesOf(sent: number, total: number): string {
  if (total < MB) return `${Math.round(sent / 1024)} of ${Math.max(1, Math.round(total / 1024))} KB`
  return `${(sent / MB).toFixed(1)} of ${(total / MB).toFixed(1)} MB`
}

export type Tone = 'busy' | 'ok' | 'error' | 'idle'

export function uploadStateText(
  item: Pick<UploadItem, 'state' | 'nextAttemptAt'>,
  connection: Account['connection'] | undefined,
): { text: string; tone: Tone } {
  switch (item.state) {
    case 'queued':
      if (connection === 'signed-out') return { text: 'Waiting for sign-in', tone: 'idle' }
      if (connection === 'offline') return { text: 'Waiting for the server', tone: 'idle' }
      if (item.nextAttemptAt) return { text: 'Retrying soon', tone: 'busy' }
      return { text: 'Waiting to upload', tone: 'idle' }
    case 'uploading':
      return { text: 'Uploading', tone: 'busy' }
    case 'paused':
      return { text: 'Paused', tone: 'idle' }
    case 'processing':
      return { text: 'Checking on the server', tone: 'busy' }
    case 'published':
      return { text: 'Published', tone: 'ok' }
    case 'rejected':
      return { text: 'Rejected by the server', tone: 'error' }
    case 'failed':
      return { text: 'Upload failed', tone: 'error' }
    case 'cancelled':
      return { text: 'Cancelled', tone: 'idle' }
  }
}

/** Waiting or moving: the states that still count as "on their way". */
export function isWaiting(item: Pick<UploadItem, 'state'>): boolean {
  return item.state === 'queued' || item.state === 'uploading' || item.state === 'paused'
}
