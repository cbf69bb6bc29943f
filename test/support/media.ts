// Test media on demand: `await ensureMedia('portrait-noaudio-3s')` returns the path of a cached
// file, making it with ffmpeg the first time (see test/fixtures/make-media.ts for the list).
import { makeMedia, type MediaName } from '../fixtures/make-media'

export { MEDIA_SPECS, type MediaName } from '../fixtures/make-media'

const pending = new Map<MediaName, Promise<string>>()

export function ensureMedia(name: MediaName): Promise<string> {
  let path = pending.get(name)
  if (!path) {
    path = makeMedia(name)
    pending.set(name, path)
    path.catch(() => pending.delete(name))
  }
  return path
}
