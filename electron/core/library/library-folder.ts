// Where the library keeps its files: <dataDir>/library/<id>/source.<ext> and thumbs/NN.jpg.
// An import writes into a `.import-*` folder first and renames it to <id> when complete, so a
// crash leaves either nothing or a temp folder, which sweepLibrary removes on the next start.
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

export const TEMP_PREFIX = '.import-'

export function libraryDir(dataDir: string): string {
  return join(dataDir, 'library')
}

export function itemDir(library: string, id: string): string {
  return join(library, id)
}

export function thumbnailFile(index: number): string {
  return `thumbs/${String(index).padStart(2, '0')}.jpg`
}

/**
 * Removes leftovers of interrupted work: temp import folders, and item folders whose row never got
 * written (a crash between the rename and the insert) or was deleted while the files were busy.
 */
export function sweepLibrary(library: string, knownIds: ReadonlySet<string>): string[] {
  mkdirSync(library, { recursive: true })
  const removed: string[] = []
  for (const entry of readdirSync(library, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue
    if (entry.name.startsWith(TEMP_PREFIX) || !knownIds.has(entry.name)) {
      rmSync(join(library, entry.name), { recursive: true, force: true })
      removed.push(entry.name)
    }
  }
  return removed
}
