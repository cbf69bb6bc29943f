// The live-sync endpoint on the node:http server's `upgrade` event: ws(s)://host/sync/<docName>.
// Access is decided first (sync-access.ts) and a refusal is a plain HTTP answer on the socket,
// so no WebSocket is ever opened for a caller who may not have it. Dead connections are found
// with WebSocket pings and dropped.
import type { FastifyBaseLogger } from 'fastify'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { WebSocketServer, type WebSocket } from 'ws'
import { LIVE_CLOSE, SYNC_PATH } from '../../../shared/api/live-docs'
import { ApiError, errorBody } from '../http/api-error'
import type { DraftAwareness } from './draft-awareness'
import type { LiveDocHub } from './live-doc-hub'
import type { LiveSyncConfig } from './live-sync-config'
import { decideSyncAccess, type AccessDeps } from './sync-access'
import { serveConnection } from './sync-connection'

export type SyncLimits = Pick<LiveSyncConfig, 'maxReadOnlyMessageBytes' | 'maxDraftBytes' | 'maxBacklogBytes'>

export interface SyncServerDeps extends AccessDeps {
  hub: LiveDocHub
  awareness: DraftAwareness
  limits: SyncLimits
  log: () => FastifyBaseLogger
  pingIntervalMs?: number
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message))
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\nConnection: close\r\n\r\n' +
      body,
  )
}

export function createSyncServer(deps: SyncServerDeps) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(deps.limits.maxDraftBytes, deps.limits.maxReadOnlyMessageBytes) + 64,
    // Yjs updates are already compact binary; deflate would cost CPU on every fan-out.
    perMessageDeflate: false,
  })
  const alive = new WeakSet<WebSocket>()
  let closing = false
  let fellBehind = 0
  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate()
        continue
      }
      alive.delete(ws)
      ws.ping()
    }
  }, deps.pingIntervalMs ?? 30_000).unref()

  return {
    /** Whether this upgrade request is ours (the path starts with /sync/). */
    matches(req: IncomingMessage): boolean {
      return (req.url ?? '').startsWith(SYNC_PATH)
    },

    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', (error) => deps.log().debug({ err: error }, 'sync: socket error'))
      if (closing)
        return refuseUpgrade(socket, 503, 'shutting_down', 'The server is restarting; try again shortly.')
      let grant
      try {
        grant = decideSyncAccess(req, new URL(req.url ?? '/', 'http://localhost'), deps)
      } catch (error) {
        if (error instanceof ApiError)
          return refuseUpgrade(socket, error.statusCode, error.code, error.message)
        deps.log().error({ err: error }, 'sync: upgrade failed')
        return refuseUpgrade(socket, 500, 'internal', 'Something went wrong on the server.')
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        alive.add(ws)
        ws.on('pong', () => alive.add(ws))
        ws.on('error', (error) => deps.log().debug({ err: error, doc: grant.name }, 'sync: connection error'))
        try {
          const doc = deps.hub.open(grant.name, grant.kind)
          serveConnection(ws, doc, grant.writable, {
            hub: deps.hub,
            awareness: deps.awareness,
            log: deps.log,
            maxMessageBytes: grant.writable ? deps.limits.maxDraftBytes : deps.limits.maxReadOnlyMessageBytes,
            maxDraftBytes: deps.limits.maxDraftBytes,
            maxBacklogBytes: deps.limits.maxBacklogBytes,
            onFellBehind: () => fellBehind++,
          })
        } catch (error) {
          deps.log().error({ err: error, doc: grant.name }, 'sync: could not open the document')
          ws.close(1011, 'server error')
        }
      })
    },

    /** What waits to be sent: the most for one connection and in all; connections closed as too slow. */
    sendStats() {
      let most = 0
      let total = 0
      for (const ws of wss.clients) {
        most = Math.max(most, ws.bufferedAmount)
        total += ws.bufferedAmount
      }
      return { bufferedBytesMost: most, bufferedBytesTotal: total, fellBehind }
    },

    /** Closes every connection (clients reconnect later), waiting briefly for the close frames. */
    async close(): Promise<void> {
      closing = true
      clearInterval(ping)
      deps.hub.closeAll(LIVE_CLOSE.goingAway, 'server shutting down')
      const deadline = Date.now() + 1000
      while (wss.clients.size > 0 && Date.now() < deadline) await sleep(20)
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}

export type SyncServer = ReturnType<typeof createSyncServer>
