// Live sync's settings and their defaults (config.ts reads the SPOOL_SYNC_* overrides).
export interface LiveSyncConfig {
  /** How long a document nobody is connected to stays in memory after its last use. */
  unloadAfterMs: number
  /** Loading a document stored as more rows than this merges them into one. */
  compactAfterUpdates: number
  /** At most one update per server document per this interval (views come in streams). */
  writeIntervalMs: number
  /** Largest message a client may send on reel: and creator: documents (they only send handshakes). */
  maxReadOnlyMessageBytes: number
  /** Largest a draft may grow (stored bytes), and so the largest message on one. */
  maxDraftBytes: number
  /**
   * Bytes that may wait to be sent to one connection. A client further behind (it stopped
   * reading, or its link is too slow) is closed with LIVE_CLOSE.fellBehind and catches up on
   * reconnecting; without a cap the server would queue every update for it forever.
   */
  maxBacklogBytes: number
}

export const defaultLiveSyncConfig: Readonly<LiveSyncConfig> = {
  unloadAfterMs: 30_000,
  compactAfterUpdates: 100,
  writeIntervalMs: 250,
  maxReadOnlyMessageBytes: 256 * 1024,
  maxDraftBytes: 4 * 1024 * 1024,
  // Twice the largest draft: a client still receiving a whole draft (its first sync) is not
  // closed for the updates that arrive meanwhile.
  maxBacklogBytes: 8 * 1024 * 1024,
}
