// The library list for the current search and status filter, reloaded whenever the core says the
// library changed (an import, a delete, a new poster strip — from this window or another).
import { useEffect, useState } from 'react'
import type { LibraryItem, ReelStatus } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from '../rpc/studio-context'

export interface LibraryFilter {
  query: string
  status: ReelStatus | 'all'
}

export function useLibraryItems(filter: LibraryFilter) {
  const client = useStudio()
  const { state } = useConnection()
  const [items, setItems] = useState<LibraryItem[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => client.on('library.changed', () => setVersion((n) => n + 1)), [client])

  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    const params = {
      ...(filter.query.trim() ? { query: filter.query.trim() } : {}),
      ...(filter.status !== 'all' ? { status: filter.status } : {}),
    }
    client.call('library.list', params).then(
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
  }, [client, state, filter.query, filter.status, version])

  return { items, loadError }
}
