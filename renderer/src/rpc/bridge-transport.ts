// The transport in a plain browser: a WebSocket to the studio:web bridge on the page's own origin.
// It reconnects with backoff; requests sent on a socket that drops fail with `disconnected` (we
// cannot know whether the core applied them), requests made while offline wait for the next socket.
import type { RawResult } from '../../../shared/rpc/client'
import type { RpcServerMessage } from '../../../shared/rpc/envelope'
import type { ConnectionState, LiveTransport } from './live-transport'

const QUEUED_REQUEST_TIMEOUT_MS = 15_000
const MAX_BACKOFF_MS = 5_000

type Settle = (result: RawResult) => void

const disconnected = (message: string): RawResult => ({ ok: false, error: { code: 'disconnected', message } })

export function createBridgeTransport(token: string | null): LiveTransport {
  let state: ConnectionState = token ? 'connecting' : 'no-token'
  let socket: WebSocket | null = null
  let attempt = 0
  let nextId = 1
  const inFlight = new Map<number, Settle>()
  const waiting = new Map<number, { text: string; settle: Settle; timer: ReturnType<typeof setTimeout> }>()
  const eventListeners = new Set<(name: string, payload: unknown) => void>()
  const stateListeners = new Set<() => void>()

  function setState(next: ConnectionState): void {
    if (state === next) return
    state = next
    for (const listener of stateListeners) listener()
  }

  function connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    const ws = new WebSocket(`${scheme}://${location.host}/rpc?token=${encodeURIComponent(token!)}`)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setState('connected')
      for (const [id, entry] of waiting) {
        clearTimeout(entry.timer)
        inFlight.set(id, entry.settle)
        ws.send(entry.text)
      }
      waiting.clear()
    }
    ws.onmessage = (event) => receive(String(event.data))
    ws.onclose = () => {
      socket = null
      for (const settle of inFlight.values()) settle(disconnected('Lost the connection to the studio core'))
      inFlight.clear()
      setState('reconnecting')
      // Exponential backoff with jitter, so a restarting core is not hammered by every open tab.
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt) * (0.8 + Math.random() * 0.4)
      attempt += 1
      setTimeout(connect, delay)
    }
  }

  function receive(text: string): void {
    let message: RpcServerMessage
    try {
      message = JSON.parse(text) as RpcServerMessage
    } catch {
      return
    }
    if (message.type === 'event') {
      for (const listener of eventListeners) listener(message.name, message.payload)
      return
    }
    const settle = inFlight.get(message.id)
    if (!settle) return
    inFlight.delete(message.id)
    settle(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error })
  }

  if (token) connect()

  return {
    kind: 'web-bridge',
    request(method, params) {
      return new Promise<RawResult>((settle) => {
        if (!token)
          return settle(disconnected('No studio token: open the link that `npm run studio:web` printed'))
        const id = nextId++
        const text = JSON.stringify({ type: 'request', id, method, params })
        if (socket?.readyState === WebSocket.OPEN) {
          inFlight.set(id, settle)
          socket.send(text)
          return
        }
        const timer = setTimeout(() => {
          waiting.delete(id)
          settle(disconnected('The studio core did not come back in time'))
        }, QUEUED_REQUEST_TIMEOUT_MS)
        waiting.set(id, { text, settle, timer })
      })
    },
    onEvent(listener) {
      eventListeners.add(listener)
      return () => eventListeners.delete(listener)
    },
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    },
  }
}
