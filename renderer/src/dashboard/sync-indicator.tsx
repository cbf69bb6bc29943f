// The Dashboard's link to the server in words: live, catching up, or offline with how old the
// numbers on screen are — so nobody mistakes yesterday's count for today's.
import { CloudOff, RefreshCw, Radio } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { Dashboard } from '../../../shared/rpc/contract'
import { serverHost } from '../account/use-account'
import { formatAgo } from './dashboard-format'

/** Re-renders every 30 s so "5 min ago" keeps telling the truth. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

export function SyncIndicator({ sync }: { sync: Dashboard['sync'] }) {
  const now = useNow()
  const updated = sync.syncedAt ? `updated ${formatAgo(sync.syncedAt, now)}` : 'never updated yet'
  const {
    icon: Icon,
    word,
    detail,
  } = sync.state === 'online'
    ? { icon: Radio, word: 'Live', detail: `from ${serverHost(sync.serverUrl)}` }
    : sync.state === 'syncing'
      ? { icon: RefreshCw, word: 'Syncing', detail: updated }
      : { icon: CloudOff, word: 'Offline', detail: `showing numbers ${updated}` }
  return (
    <div className="dash-sync" role="status" aria-live="polite" data-sync-state={sync.state}>
      <Icon size={15} aria-hidden="true" />
      <strong>{word}</strong>
      <span title={sync.syncedAt ?? undefined}>{detail}</span>
    </div>
  )
}
