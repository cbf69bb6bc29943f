// React's view of a draft session: opened when the editor shows a draft, closed (after sending what
// is waiting) when it leaves; a page hide also sends, so closing the window loses at most nothing
// the core could still receive.
import { useEffect, useState, useSyncExternalStore } from 'react'
import { messageOf } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'
import { openDraftSession, type DraftSession, type DraftSnapshot } from './draft-session'

export function useDraftSession(
  id: string,
  durationMs: number,
): { session: DraftSession | null; snapshot: DraftSnapshot | null; error: string | null } {
  const client = useStudio()
  const [session, setSession] = useState<DraftSession | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let opened: DraftSession | null = null
    let current = true
    openDraftSession(client, id, durationMs).then(
      (next) => {
        if (current) {
          opened = next
          setSession(next)
        } else void next.close()
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    )
    const onHide = () => void opened?.flush()
    window.addEventListener('pagehide', onHide)
    return () => {
      current = false
      window.removeEventListener('pagehide', onHide)
      void opened?.close()
      // The next draft starts clean: no session and no error of this one.
      setSession(null)
      setError(null)
    }
  }, [client, id, durationMs])

  const snapshot = useSyncExternalStore(
    (listener) => session?.subscribe(listener) ?? (() => {}),
    () => session?.snapshot() ?? null,
  )
  return { session, snapshot, error }
}
