// Inside Electron the preload provides window.spool; anywhere else we are a page of the bridge.
import { createBridgeTransport } from './bridge-transport'
import { takeBridgeToken } from './bridge-token'
import { createIpcTransport } from './ipc-transport'
import type { LiveTransport } from './live-transport'

export function selectTransport(): LiveTransport {
  return window.spool ? createIpcTransport(window.spool) : createBridgeTransport(takeBridgeToken())
}
