// One Yjs document kept in sync with the signed-in server's copy (API.md "Live sync"): a
// y-websocket provider on `ws(s)://<server>/sync/<docName>?token=…`, reconnecting with a doubling
// backoff, and the link's state in the words the studio shows (online / syncing / offline).
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { SYNC_PATH } from '../../../shared/api/live-docs'

export type LinkState = 'online' | 'syncing' | 'offline'

/** Reconnect backoff cap; y-websocket starts at 200 ms and doubles up to this. */
export const DEFAULT_MAX_BACKOFF_MS = 30_000

export interface LiveDocLinkOptions {
  serverUrl: string
  token: string
  docName: string
  doc: Y.Doc
  maxBackoffMs?: number
  onState?: (state: LinkState) => void
  /** The server closed for good (a 44xx code: refused, read-only, too large); no reconnect follows. */
  onRefused?: (code: number, reason: string) => void
}

export interface LiveDocLink {
  state(): LinkState
  /** The provider, as the updates' origin: what arrives from the server is applied with it. */
  readonly origin: unknown
  close(): void
}

/** `http://host:8080` → `ws://host:8080/sync` (y-websocket adds `/<docName>`). */
export function syncBaseUrl(serverUrl: string): string {
  const url = new URL(SYNC_PATH.replace(/\/$/, ''), serverUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString()
}

export function openLiveDocLink(options: LiveDocLinkOptions): LiveDocLink {
  // Each provider adds a process 'exit' listener; a library of drafts is many providers, which is
  // expected and not the leak Node would warn about past ten.
  process.setMaxListeners(process.getMaxListeners() + 1)
  const provider = new WebsocketProvider(syncBaseUrl(options.serverUrl), options.docName, options.doc, {
    params: { token: options.token },
    WebSocketPolyfill: WebSocket as unknown as NonNullable<
      ConstructorParameters<typeof WebsocketProvider>[3]
    >['WebSocketPolyfill'],
    maxBackoffTime: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    // In one Node process (two cores in a test) a BroadcastChannel would sync the docs past the
    // server, and the studio has no other tabs to reach that way.
    disableBc: true,
  })
  let connected = false
  let synced = false
  // Before the first attempt fails we say "syncing", not "offline": most starts just connect.
  let failed = false
  let last: LinkState | null = null
  let destroyed = false

  const state = (): LinkState =>
    connected ? (synced ? 'online' : 'syncing') : failed ? 'offline' : 'syncing'
  const report = () => {
    const next = state()
    if (next === last) return
    last = next
    options.onState?.(next)
  }

  provider.on('status', ({ status }) => {
    connected = status === 'connected'
    report()
  })
  provider.on('connection-close', () => {
    connected = false
    synced = false
    failed = true
    report()
  })
  provider.on('connection-error', () => {
    failed = true
    report()
  })
  provider.on('sync', (isSynced: boolean) => {
    synced = isSynced
    if (isSynced) failed = false
    report()
  })
  provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
    failed = true
    report()
    options.onRefused?.(code, reason)
  })
  report()

  return {
    state,
    origin: provider,
    close() {
      if (destroyed) return
      destroyed = true
      provider.destroy()
      process.setMaxListeners(Math.max(10, process.getMaxListeners() - 1))
    },
  }
}
