// What Electron's preload exposes as `window.spool`: one narrow, typed API (never ipcRenderer). The
// preload checks its object against this type with `satisfies`; the renderer's IPC transport uses it.
import type { RawResult } from './client'

export const SPOOL_RPC_CHANNEL = 'spool:rpc'
export const SPOOL_EVENT_CHANNEL = 'spool:event'

export interface SpoolBridge {
  /** Sends one request to the studio core; resolves with its result or typed error. */
  invoke(method: string, params: unknown): Promise<RawResult>
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void
  readonly platform: string
}
