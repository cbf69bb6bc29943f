// One reel opened from the Dashboard: asks the core to open it (the core subscribes to reel:<id>),
// follows its `dashboard.reel` events, and lets it go when the panel closes or shows another reel —
// so the core holds the reel's connection only while someone looks at it.
import { useEffect, useState } from 'react'
import type { ReelDetail } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from '../rpc/studio-context'

type Shown = { reelId: string; detail: ReelDetail | null; error: string | null }

export function useReelDetail(reelId: string | null) {
  const client = useStudio()
  const { state } = useConnection()
  // Kept with the reel it is about, so another reel never shows this one's numbers meanwhile.
  const [shown, setShown] = useState<Shown | null>(null)

  useEffect(() => {
    if (reelId === null || state !== 'connected') return
    let current = true
    const show = (detail: ReelDetail | null, error: string | null = null) => {
      if (current) setShown({ reelId, detail, error })
    }
    const off = client.on('dashboard.reel', (next) => {
      if (next.reelId === reelId) show(next)
    })
    client.call('dashboard.openReel', { reelId }).then(
      // Events come after the answer they follow (one channel, in order), so the answer is newest.
      (opened) => show(opened),
      (caught: unknown) => show(null, messageOf(caught)),
    )
    return () => {
      current = false
      off()
      // If the core is gone the reel went with it; nothing to wait for.
      void client.call('dashboard.closeReel', { reelId }).catch(() => undefined)
    }
  }, [client, reelId, state])

  const mine = shown !== null && shown.reelId === reelId ? shown : null
  return { detail: mine?.detail ?? null, error: mine?.error ?? null }
}
