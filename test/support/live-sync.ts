// Real y-websocket clients against the real server's live sync (API.md "Live sync"), for
// integration tests, e2e tests and the fan-out benchmark: open a document as a signed-in user or
// anonymously, wait for what it shows, and see how the server answered a refused upgrade.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/api/live-docs'

export interface LiveClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves once the first sync with the server finished. */
  synced: Promise<void>
  /** Resolves with the code of the first close the server sent. */
  closed: Promise<{ code: number; reason: string }>
  destroy(): void
}

export const syncBase = (serverUrl: string) =>
  `${serverUrl.replace(/^http/, 'ws')}${SYNC_PATH.replace(/\/$/, '')}`

export function openLiveDoc(
  serverUrl: string,
  docName: string,
  options: { token?: string; doc?: Y.Doc; reconnect?: boolean } = {},
): LiveClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(syncBase(serverUrl), docName, doc, {
    params: options.token ? { token: options.token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    shouldReconnect: () => options.reconnect ?? false,
  })
  const synced = new Promise<void>((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return
      provider.off('connection-close', onClose)
      resolve({ code: event.code, reason: String(event.reason) })
    }
    provider.on('connection-close', onClose)
  })
  return { doc, provider, synced, closed, destroy: () => provider.destroy() }
}

/** The HTTP status the server answered an upgrade with (101 when it accepted), and its body. */
export function upgradeAnswer(
  serverUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}${path}`, { headers })
    ws.on('open', () => {
      ws.close()
      resolve({ status: 101, body: '' })
    })
    ws.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error)
    })
  })
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
