// The import tray's state: one row per file, imported one at a time (several copies at once would
// only fight over the same disk), with live progress from the core's library.importProgress.
import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../../../shared/rpc/envelope'
import { useStudio } from '../rpc/studio-context'
import { importName, sendImport, type ImportInput } from './send-import'

export interface ImportRow {
  importId: string
  fileName: string
  bytesDone: number
  bytesTotal: number
  phase: 'waiting' | 'copying' | 'probing' | 'done' | 'failed'
  error?: string
}

/** A finished row stays this long so people see it landed; failures stay until dismissed. */
const DONE_ROW_MS = 4000

function newImportId(): string {
  return crypto.randomUUID().replaceAll('-', '')
}

export function useImports() {
  const client = useStudio()
  const [rows, setRows] = useState<ImportRow[]>([])
  const queue = useRef<Promise<void>>(Promise.resolve())

  const patch = useCallback((importId: string, change: Partial<ImportRow>) => {
    setRows((current) => current.map((row) => (row.importId === importId ? { ...row, ...change } : row)))
  }, [])

  useEffect(
    () =>
      client.on('library.importProgress', (progress) => {
        // The end of an import is taken from the call's own answer, which carries the item or error.
        if (progress.phase === 'done' || progress.phase === 'failed') return
        patch(progress.importId, {
          phase: progress.phase,
          bytesDone: progress.bytesDone,
          bytesTotal: progress.bytesTotal,
        })
      }),
    [client, patch],
  )

  const dismiss = useCallback((importId: string) => {
    setRows((current) => current.filter((row) => row.importId !== importId))
  }, [])

  const importAll = useCallback(
    (inputs: ImportInput[]) => {
      const jobs = inputs.map((input) => ({ input, importId: newImportId() }))
      setRows((current) => [
        ...current,
        ...jobs.map(({ input, importId }) => ({
          importId,
          fileName: importName(input),
          bytesDone: 0,
          bytesTotal: input.kind === 'file' ? input.file.size : 0,
          phase: 'waiting' as const,
        })),
      ])
      for (const { input, importId } of jobs) {
        queue.current = queue.current.then(async () => {
          try {
            await sendImport(client, input, importId)
            patch(importId, { phase: 'done' })
            setTimeout(() => dismiss(importId), DONE_ROW_MS)
          } catch (error) {
            patch(importId, {
              phase: 'failed',
              error: messageOf(error),
            })
          }
        })
      }
    },
    [client, patch, dismiss],
  )

  return { rows, importAll, dismiss }
}
