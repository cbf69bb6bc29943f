// A small in-memory LRU of whole media files, keyed by their sha256. Content-addressed, so an
// entry can never be stale: the same key is the same bytes, whichever reel they belong to. It
// only saves the disk reads; whether a file may be served is still decided per request (the
// reel's status comes from the database before the cache is asked). Hot reels are the point:
// a popular reel's few segments are requested over and over, and reading them from memory
// instead of open/read/close through libuv's thread pool roughly doubles what one process sends
// (media-route.ts has the numbers).

export interface MediaCache {
  get(sha256: string): Buffer | undefined
  /** Keeps `body` unless it is larger than an entry may be; evicts the least recently used. */
  set(sha256: string, body: Buffer): void
  readonly bytes: number
}

export function createMediaCache(
  maxBytes: number,
  maxEntryBytes = Math.min(4 * 1024 * 1024, maxBytes),
): MediaCache {
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the oldest.
  const entries = new Map<string, Buffer>()
  let bytes = 0
  return {
    get(sha256) {
      const body = entries.get(sha256)
      if (body) {
        entries.delete(sha256)
        entries.set(sha256, body)
      }
      return body
    },
    set(sha256, body) {
      if (body.length > maxEntryBytes || entries.has(sha256)) return
      entries.set(sha256, body)
      bytes += body.length
      for (const [key, old] of entries) {
        if (bytes <= maxBytes) break
        entries.delete(key)
        bytes -= old.length
      }
    },
    get bytes() {
      return bytes
    },
  }
}
