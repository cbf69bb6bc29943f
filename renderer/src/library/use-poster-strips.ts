// Makes the missing poster strips, one video at a time, for items that have none yet: right after
// an import, and for older items whose strip was never made (the window closed first, say). A
// video this browser cannot decode is tried once per session and keeps its neutral placeholder.
import { useEffect } from 'react'
import type { StudioClient } from '../../../shared/rpc/client'
import type { LibraryItem } from '../../../shared/rpc/contract'
import { useStudio } from '../rpc/studio-context'
import { makePosterStrip } from './make-poster-strip'
import { sourceUrl } from './media-url'

const attempted = new Set<string>()
let running: Promise<void> = Promise.resolve()

function makeMissing(client: StudioClient, items: readonly LibraryItem[]): void {
  for (const item of items) {
    if (item.thumbnailCount > 0 || attempted.has(item.id)) continue
    attempted.add(item.id)
    running = running.then(async () => {
      try {
        const images = await makePosterStrip(sourceUrl(item.id))
        await client.call('library.saveThumbnails', { id: item.id, images })
      } catch (error) {
        // Not an error for the person: the card simply keeps its placeholder poster.
        console.warn(`No poster strip for ${item.sourceName}:`, error)
      }
    })
  }
}

export function usePosterStrips(items: readonly LibraryItem[] | null): void {
  const client = useStudio()
  useEffect(() => {
    if (items) makeMissing(client, items)
  }, [client, items])
}
