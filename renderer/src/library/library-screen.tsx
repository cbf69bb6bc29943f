// The Library: every imported video as a 9:16 card, searchable by caption or file name and
// filterable by status; import by the button (file dialog, several at once) or by dropping files
// anywhere in the window.
import { Film, Search, Upload } from 'lucide-react'
import { useCallback, useDeferredValue, useRef, useState, type ChangeEvent } from 'react'
import { reelStatuses, type LibraryItem, type ReelStatus } from '../../../shared/rpc/contract'
import { EmptyState } from '../components/empty-state'
import { ScreenHeader } from '../components/screen-header'
import { DeleteReelDialog } from './delete-reel-dialog'
import { ImportTray } from './import-tray'
import { ReelCard } from './reel-card'
import { useEncodeProgress } from '../encode/use-encode-progress'
import { useUploadSpeeds } from '../uploads/use-uploads'
import { statusLabel } from './status-badge'
import { useFileDrop } from './use-file-drop'
import { useImports } from './use-imports'
import { useLibraryItems, type LibraryFilter } from './use-library-items'
import { usePosterStrips } from './use-poster-strips'

const FILTERS: Array<LibraryFilter['status']> = ['all', ...reelStatuses]

export function LibraryScreen() {
  const [query, setQuery] = useState('')
  const [status, setStatus] = useState<LibraryFilter['status']>('all')
  const deferredQuery = useDeferredValue(query)
  const { items, loadError } = useLibraryItems({ query: deferredQuery, status })
  const encodeProgress = useEncodeProgress()
  const uploadSpeeds = useUploadSpeeds()
  const { rows, importAll, dismiss } = useImports()
  const [deleting, setDeleting] = useState<LibraryItem | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  usePosterStrips(items)

  const importFiles = useCallback(
    (files: File[]) => importAll(files.map((file) => ({ kind: 'file' as const, file }))),
    [importAll],
  )
  const dragging = useFileDrop(importFiles)

  async function openImportDialog() {
    if (!window.spool) return fileInput.current?.click()
    const paths = await window.spool.pickVideoFiles()
    importAll(paths.map((path) => ({ kind: 'path' as const, path, name: path.split(/[\\/]/).pop() ?? path })))
  }

  function onFilesChosen(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])]
    // Cleared so choosing the same file again still fires a change.
    event.target.value = ''
    if (files.length > 0) importFiles(files)
  }

  const filtered = deferredQuery.trim() !== '' || status !== 'all'
  const count = items?.length ?? 0

  return (
    <div className="library">
      <ScreenHeader
        title="Library"
        subtitle="Your imported videos, drafts and published reels. Drop video files anywhere to import them."
        actions={
          <>
            <input
              ref={fileInput}
              type="file"
              accept="video/*"
              multiple
              hidden
              aria-label="Choose videos to import"
              onChange={onFilesChosen}
            />
            <button type="button" className="button button-primary" onClick={() => void openImportDialog()}>
              <Upload size={16} aria-hidden="true" />
              Import videos
            </button>
          </>
        }
      />

      <div className="library-toolbar">
        <label className="search-field">
          <Search size={16} aria-hidden="true" />
          <input
            type="search"
            className="search-input"
            placeholder="Search captions and file names"
            aria-label="Search the library"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <div className="filter-chips" role="group" aria-label="Filter by status">
          {FILTERS.map((value) => (
            <button
              key={value}
              type="button"
              className="filter-chip"
              aria-pressed={status === value}
              onClick={() => setStatus(value)}
            >
              {value === 'all' ? 'All' : statusLabel(value as ReelStatus)}
            </button>
          ))}
        </div>
      </div>

      {loadError ? (
        <p className="library-error" role="alert">
          The library could not be loaded: {loadError}
        </p>
      ) : null}

      {items === null ? null : count === 0 && !filtered ? (
        <EmptyState icon={Film} title="Import a video to start">
          <p>Videos you import are copied into your library and become drafts you can edit into reels.</p>
          <p className="empty-note">Use “Import videos” or drop files anywhere in this window.</p>
        </EmptyState>
      ) : count === 0 ? (
        <p className="library-none">No videos match this search.</p>
      ) : (
        <>
          <p className="library-count">
            {count} {count === 1 ? 'video' : 'videos'}
          </p>
          <ul className="reel-grid" aria-label="Library items">
            {items.map((item) => (
              <ReelCard
                key={item.id}
                item={item}
                onDelete={setDeleting}
                encodePercent={encodeProgress.get(item.id)?.percent}
                uploadSpeedBps={uploadSpeeds.get(item.id)}
              />
            ))}
          </ul>
        </>
      )}

      {rows.length > 0 ? <ImportTray rows={rows} onDismiss={dismiss} /> : null}
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-inner">
            <Upload size={32} />
            <span>Drop videos to import</span>
          </div>
        </div>
      ) : null}
      <DeleteReelDialog item={deleting} onClose={() => setDeleting(null)} />
    </div>
  )
}
