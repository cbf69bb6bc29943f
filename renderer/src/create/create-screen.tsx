// Create: the editor's place. Until the editor lands it shows, honestly, the draft that was opened
// from the Library and what the core knows about its video.
import { Clapperboard, Film } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'
import { formatBytes, formatDuration } from '../library/format-media'
import { thumbnailUrl } from '../library/media-url'
import { itemTitle } from '../library/reel-card'
import { StatusBadge } from '../library/status-badge'
import { useConnection, useStudio } from '../rpc/studio-context'
import { hrefFor, useRouteParam } from '../shell/use-route'
import { EncodePanel } from './encode-panel'
import { useEncodeProgress } from '../encode/use-encode-progress'

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
  const progress = useEncodeProgress().get(id ?? '')

  useEffect(() => {
    if (!id || state !== 'connected') return
    let current = true
    client.call('library.get', { id }).then(
      (item) => current && setLoaded({ id, item }),
      (error: unknown) =>
        current &&
        setLoaded({ id, item: null, error: error instanceof RpcError ? error.message : String(error) }),
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
  const { probe } = item
  const facts: Array<[string, string]> = [
    ['File', item.sourceName],
    ['Duration', formatDuration(probe.durationMs)],
    ['Picture', `${probe.width}×${probe.height}${probe.rotation ? `, rotated ${probe.rotation}°` : ''}`],
    ['Video', `${probe.videoCodec} in ${probe.container}`],
    ['Audio', probe.hasAudio ? (probe.audioCodec ?? 'yes') : 'None'],
    ['Size', formatBytes(item.sizeBytes)],
    ['Imported', new Date(item.createdAt).toLocaleString()],
  ]
  return (
    <>
      {header}
      <div className="draft-overview">
        <div className="draft-poster">
          {item.thumbnailCount > 0 ? (
            <img src={thumbnailUrl(item, 0)} alt="" />
          ) : (
            <Film size={32} aria-hidden="true" />
          )}
        </div>
        <div className="draft-details">
          <h2 className="draft-title">{itemTitle(item)}</h2>
          <StatusBadge item={item} percent={progress?.percent} />
          <dl className="draft-facts">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {item.thumbnailCount > 0 ? (
            <div className="draft-strip" aria-label="Poster strip">
              {Array.from({ length: item.thumbnailCount }, (_, index) => (
                <img key={index} src={thumbnailUrl(item, index)} alt="" />
              ))}
            </div>
          ) : null}
          <EncodePanel item={item} />
          <p className="empty-note">
            The full editor (trim, timeline, sound) is the next step of the studio.
          </p>
        </div>
      </div>
    </>
  )
}
