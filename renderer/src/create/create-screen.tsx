// Create: the editor's place. It loads the library item opened from the Library (and reloads it when
// the core says it changed: status, caption) and hands it to the editor; without one it says how to
// open a draft.
import { Clapperboard, Film } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'
import { useConnection, useStudio } from '../rpc/studio-context'
import { hrefFor, useRouteParam } from '../shell/use-route'
import { EditorScreen } from './editor-screen'

export function CreateScreen() {
  const id = useRouteParam()
  const client = useStudio()
  const { state } = useConnection()
  const [loaded, setLoaded] = useState<{ id: string; item: LibraryItem | null; error?: string } | null>(null)

  const [version, setVersion] = useState(0)
  // Status changes (encoding → queued, or back to draft) arrive as library.changed.
  useEffect(
    () => client.on('library.changed', (change) => change.id === id && setVersion((n) => n + 1)),
    [client, id],
  )

  useEffect(() => {
    if (!id || state !== 'connected') return
    let current = true
    client.call('library.get', { id }).then(
      (item) => current && setLoaded({ id, item }),
      (error: unknown) => current && setLoaded({ id, item: null, error: messageOf(error) }),
    )
    return () => {
      current = false
    }
  }, [client, id, state, version])

  const header = (
    <ScreenHeader
      title="Create"
      subtitle="Trim, crop to 9:16, pick a cover, write a caption, choose a sound."
    />
  )
  if (!id) {
    return (
      <>
        {header}
        <EmptyState icon={Clapperboard} title="No draft open">
          <p>Open a draft from your Library to edit it here.</p>
        </EmptyState>
      </>
    )
  }
  const item = loaded?.id === id ? loaded.item : null
  if (!item) {
    return (
      <>
        {header}
        {loaded?.id === id ? (
          <EmptyState icon={Film} title="This draft is not in the library">
            <p>{loaded.error}</p>
            <p>
              <a href={hrefFor('library')}>Back to the Library</a>
            </p>
          </EmptyState>
        ) : null}
      </>
    )
  }
  return <EditorScreen item={item} />
}
