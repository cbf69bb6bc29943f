// The Dashboard as the core knows it (its local copy of creator:<username>): loaded when the core is
// reachable and replaced by every `dashboard.changed`, so live numbers arrive without a round trip.
import { useEffect, useState } from 'react'
import type { Dashboard } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from '../rpc/studio-context'

export function useDashboard() {
  const client = useStudio()
  const { state } = useConnection()
  const [dashboard, setDashboard] = useState<Dashboard | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  useEffect(() => client.on('dashboard.changed', setDashboard), [client])

  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    client.call('dashboard.get', {}).then(
      (loaded) => {
        if (!current) return
        setDashboard(loaded)
        setLoadError(null)
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    )
    return () => {
      current = false
    }
  }, [client, state])

  return { dashboard, loadError }
}
