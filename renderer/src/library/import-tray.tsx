// Per-file import progress in the corner: copying with a bar, reading the video, done, or a clear
// error that stays until dismissed.
import { AlertCircle, CheckCircle2, LoaderCircle, X } from 'lucide-react'
import { formatBytes } from './format-media'
import type { ImportRow } from './use-imports'

function rowText(row: ImportRow): string {
  switch (row.phase) {
    case 'waiting':
      return 'Waiting…'
    case 'copying':
      return row.bytesTotal > 0
        ? `Copying ${formatBytes(row.bytesDone)} of ${formatBytes(row.bytesTotal)}`
        : 'Copying…'
    case 'probing':
      return 'Reading the video…'
    case 'done':
      return 'Imported'
    case 'failed':
      return row.error ?? 'The import failed'
  }
}

export function ImportTray({
  rows,
  onDismiss,
}: {
  rows: ImportRow[]
  onDismiss: (importId: string) => void
}) {
  return (
    <section className="import-tray" aria-label="Imports" aria-live="polite">
      {rows.map((row) => {
        const percent =
          row.phase === 'done' || row.phase === 'probing'
            ? 100
            : row.bytesTotal > 0
              ? Math.round((row.bytesDone / row.bytesTotal) * 100)
              : 0
        return (
          <div key={row.importId} className="import-row" data-phase={row.phase}>
            <span className="import-icon" aria-hidden="true">
              {row.phase === 'failed' ? (
                <AlertCircle size={18} />
              ) : row.phase === 'done' ? (
                <CheckCircle2 size={18} />
              ) : (
                <LoaderCircle size={18} className="spin" />
              )}
            </span>
            <div className="import-body">
              <span className="import-name" title={row.fileName}>
                {row.fileName}
              </span>
              <span className="import-text" role={row.phase === 'failed' ? 'alert' : undefined}>
                {rowText(row)}
              </span>
              {row.phase !== 'failed' && row.phase !== 'done' ? (
                <progress
                  className="import-progress"
                  max={100}
                  value={percent}
                  aria-label={`Importing ${row.fileName}`}
                />
              ) : null}
            </div>
            {row.phase === 'failed' ? (
              <button
                type="button"
                className="import-dismiss"
                aria-label={`Dismiss ${row.fileName}`}
                onClick={() => onDismiss(row.importId)}
              >
                <X size={16} aria-hidden="true" />
              </button>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}
