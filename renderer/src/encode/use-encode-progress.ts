// The latest encode progress the core pushed, per reel, for badges ("Encoding 42 %") and the panel.
import { useEffect, useState } from 'react'
import type { EncodeProgress } from '../../../shared/rpc/contract'
import { useStudio } from '../rpc/studio-context'

export function useEncodeProgress(): ReadonlyMap<string, EncodeProgress> {
  const client = useStudio()
  const [progress, setProgress] = useState<ReadonlyMap<string, EncodeProgress>>(new Map())
  useEffect(() => {
    const offProgress = client.on('encode.progress', (event) =>
      setProgress((current) => new Map(current).set(event.reelId, event)),
    )
    // A job that ended or restarted: its old numbers no longer mean anything.
    const offChanged = client.on('encode.changed', (change) =>
      setProgress((current) => {
        if (!current.has(change.reelId)) return current
        const next = new Map(current)
        next.delete(change.reelId)
        return next
      }),
    )
    return () => {
      offProgress()
      offChanged()
    }
  }, [client])
  return progress
}
