// The transport inside Electron: window.spool from the preload, which relays to the core.
import type { SpoolBridge } from '../../../shared/rpc/bridge-api'
import type { LiveTransport } from './live-transport'

declare global {
  interface Window {
    /** Present only inside Electron (electron/preload). */
    spool?: SpoolBridge
  }
}

export function createIpcTransport(spool: SpoolBridge): LiveTransport {
  return {
    kind: 'electron',
    // ipcRenderer.invoke rejects only when main refuses or dies; report it like a lost connection.
    request: (method, params) =>
      spool.invoke(method, params).catch((error: unknown) => ({
        ok: false as const,
        error: {
          code: 'disconnected' as const,
          message: error instanceof Error ? error.message : String(error),
        },
      })),
    onEvent: (listener) => spool.onEvent(listener),
    // Main restarts a crashed core and fails calls in between; the IPC channel itself never drops.
    state: () => 'connected',
    onStateChange: () => () => {},
  }
}
