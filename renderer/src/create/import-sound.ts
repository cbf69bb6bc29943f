// Sound → Replace: brings the picked audio file into the draft's library folder through the core,
// by the same doors as a video import (Electron: the file's path; browser: the bridge's PUT), and
// answers what the draft stores. A file the core cannot use comes back as its sentence.
import type { StudioClient } from '../../../shared/rpc/client'
import type { SoundFile } from '../../../shared/rpc/contract'
import { desktopPathOf, putFileToBridge } from '../library/send-import'

export async function importSound(client: StudioClient, reelId: string, file: File): Promise<SoundFile> {
  if (window.spool) return client.call('library.importSound', { id: reelId, path: desktopPathOf(file) })
  const query = new URLSearchParams({ name: file.name })
  return putFileToBridge<SoundFile>(`/library/${reelId}/sound?${query}`, file, 'import')
}
