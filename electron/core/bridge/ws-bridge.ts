// The local bridge that lets the renderer run in a plain browser (`studio:web`, e2e tests): one
// HTTP server on 127.0.0.1 serving the built renderer, and a WebSocket at /rpc carrying the same
// envelopes Electron IPC carries. Anything on this machine can reach 127.0.0.1, so a random per-run
// token guards the socket, and the Origin check stops other web pages (and DNS rebinding) from
// using a token they somehow learned.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { RpcServerMessage } from '../../../shared/rpc/envelope'
import type { StudioCore } from '../index'
import { handleLibraryRoute } from './library-routes'
import { serveStatic } from './static-files'

/** Bigger requests get a typed bad_request and the connection stays up. */
export const MAX_MESSAGE_BYTES = 1024 * 1024
/** Past this, ws drops the connection (close 1009) without buffering the rest. */
const HARD_MAX_PAYLOAD = 4 * MAX_MESSAGE_BYTES

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The first page load carries the token in its URL: never leak it in a Referer.
  'Referrer-Policy': 'no-referrer',
  // Cross-origin isolation (SharedArrayBuffer) for the multi-thread ffmpeg.wasm core: without these
  // on every response — page, scripts, the core's worker and wasm — its load() hangs silently.
  // Everything the studio loads is same-origin, so require-corp costs nothing.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

export interface WsBridge {
  /** http://127.0.0.1:PORT */
  origin: string
  port: number
  token: string
  /** The URL to open: origin + token. */
  url: string
  close(): Promise<void>
}

export async function startWsBridge(options: {
  core: StudioCore
  staticDir: string
  port?: number
}): Promise<WsBridge> {
  const { core, staticDir } = options
  const token = randomBytes(32).toString('base64url')
  const tokenDigest = sha256(token)
  let origin = ''
  let host = ''
  // Compare digests so the comparison is constant-time whatever the given token's length.
  const tokenMatches = (given: string | null | undefined): boolean =>
    !!given && timingSafeEqual(sha256(given), tokenDigest)

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    if (req.headers.host !== host) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Wrong Host header')
      return
    }
    if (handleLibraryRoute(req, res, { core, origin, tokenMatches })) return
    serveStatic(staticDir, req, res)
  })

  // Node's default 5-minute request timeout would cut off a multi-gigabyte PUT /import; the bridge
  // is 127.0.0.1-only and token-guarded, so there is no slow-loris crowd to defend against.
  server.requestTimeout = 0

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_PAYLOAD })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'Not Found')
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(socket, 401, 'Unauthorized')
    if (req.headers.origin !== origin || req.headers.host !== host) return refuse(socket, 403, 'Forbidden')
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  wss.on('connection', (ws: WebSocket) => {
    // Protocol errors (e.g. a frame over HARD_MAX_PAYLOAD): ws closes the socket itself, with the
    // right code (1009); without a listener the error would be thrown and end the process.
    ws.on('error', () => {})
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      if (isBinary) return send(ws, badRequest('Send requests as JSON text messages'))
      if (bytes.byteLength > MAX_MESSAGE_BYTES) return send(ws, badRequest('Request is larger than 1 MiB'))
      let envelope: unknown
      try {
        envelope = JSON.parse(bytes.toString('utf8'))
      } catch {
        return send(ws, badRequest('Request is not valid JSON'))
      }
      void core.dispatch(envelope, { transport: 'web-bridge' }).then((response) => send(ws, response))
    })
  })

  const unsubscribe = core.onEvent((name, payload) => {
    const text = JSON.stringify({ type: 'event', name, payload } satisfies RpcServerMessage)
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // 127.0.0.1 only: the bridge must never be reachable from the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  host = `127.0.0.1:${port}`

  let closing: Promise<void> | undefined
  return {
    origin,
    port,
    token,
    url: `${origin}/?token=${token}`,
    close() {
      closing ??= (async () => {
        unsubscribe()
        for (const client of wss.clients) client.close(1001, 'Studio is shutting down')
        // A client that never answers the close handshake must not hold shutdown hostage.
        const stragglers = setTimeout(() => wss.clients.forEach((client) => client.terminate()), 500)
        await new Promise<void>((resolve) => wss.close(() => resolve()))
        clearTimeout(stragglers)
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await closed
      })()
      return closing
    },
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

function badRequest(message: string): RpcServerMessage {
  return { type: 'response', id: -1, ok: false, error: { code: 'bad_request', message } }
}

function send(ws: WebSocket, message: RpcServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}
