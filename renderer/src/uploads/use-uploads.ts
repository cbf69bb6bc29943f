// The upload queue as the core reports it: the list is reloaded on every `upload.changed` (and on
// `library.changed`, for captions and posters), and `upload.progress` moves the numbers in between
// without a round trip.
import { useEffect, useState } from 'react'
import type { UploadItem } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from '../rpc/studio-context'

export function useUploads() {
  const client = useStudio()
  const { state } = useConnection()
  const [items, setItems] = useState<UploadItem[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    const reload = () => setVersion((n) => n + 1)
    const offChanged = client.on('upload.changed', reload)
    const offLibrary = client.on('library.changed', reload)
    const offProgress = client.on('upload.progress', (progress) =>
      setItems(
        (current) =>
          current?.map((item) =>
            item.reelId === progress.reelId && (item.state === 'uploading' || item.state === 'queued')
              ? {
                  ...item,
                  bytesSent: progress.bytesSent,
                  bytesTotal: progress.bytesTotal,
                  speedBps: progress.speedBps,
                  remainingMs: progress.remainingMs,
                }
              : item,
          ) ?? null,
      ),
    )
    return () => {
      offChanged()
      offLibrary()
      offProgress()
    }
  }, [client])

  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    client.call('upload.list', {}).then(
      (result) => {
        if (!current) return
        setItems(result.items)
        setLoadError(null)
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    )
    return () => {
      current = false
    }
  }, [client, state, version])

  return { items, loadError }
}

/** Upload speed per reel while it uploads, for the library's "Uploading 3.1 MB/s" badges. */
export function useUploadSpeeds(): ReadonlyMap<string, number> {
  const client = useStudio()
  const [speeds, setSpeeds] = useState<ReadonlyMap<string, number>>(new Map())
  useEffect(() => {
    const offProgress = client.on('upload.progress', (progress) =>
      setSpeeds((current) =>
        progress.speedBps === null ? current : new Map(current).set(progress.reelId, progress.speedBps),
      ),
    )
    // Paused, done or failed: an old speed would be a lie.
    const offChanged = client.on('upload.changed', (change) =>
      setSpeeds((current) => {
        if (change.state === 'uploading' || !current.has(change.reelId)) return current
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
  return speeds
}
