// Starts the real `studio:web` process (the studio core behind its WebSocket bridge) and talks to it
// as the renderer does: RPC over the socket, events collected, files PUT over HTTP with the token.
import { request } from 'node:http'
import WebSocket from 'ws'
import type { RpcServerMessage } from '../../shared/rpc/envelope'
import { startProcess, type Started } from './process'

export interface StudioWeb {
  process: Started
  origin: string
  token: string
  call<T = any>(method: string, params?: unknown): Promise<T> // eslint-disable-line @typescript-eslint/no-explicit-any
  events: Array<{ name: string; payload: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
  put(path: string, body: Buffer): Promise<{ status: number; body: string }>
  close(): void
}

/** The real `studio:web` process on a free port; `ready` is the URL it prints, with its token. */
export function startStudioProcess(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  return startProcess('electron/core/studio-web.ts', {
    env: { SPOOL_STUDIO_DATA_DIR: dataDir, SPOOL_STUDIO_PORT: '0', ...env },
    readyPattern: /Studio: (http:\/\/\S+)/,
  })
}

export async function startStudioWeb(dataDir: string, env: Record<string, string> = {}): Promise<StudioWeb> {
  return connectStudioWeb(await startStudioProcess(dataDir, env))
}

/** A second client of a running studio:web, beside the page (e2e tests ask the core directly). */
export async function connectStudioWeb(started: Started): Promise<StudioWeb> {
  const url = new URL(started.ready)
  const origin = url.origin
  const token = url.searchParams.get('token')!
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/rpc?token=${token}`, { headers: { origin } })
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  const events: StudioWeb['events'] = []
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as RpcServerMessage
    if (message.type === 'event') events.push({ name: message.name, payload: message.payload })
    else if (message.type === 'response') {
      const waiter = pending.get(message.id)
      pending.delete(message.id)
      if (message.ok) waiter?.resolve(message.result)
      else waiter?.reject(Object.assign(new Error(message.error.message), { rpc: message.error }))
    }
  })
  let nextId = 1
  return {
    process: started,
    origin,
    token,
    events,
    call(method, params = {}) {
      const id = nextId++
      socket.send(JSON.stringify({ type: 'request', id, method, params }))
      return new Promise((resolve, reject) => pending.set(id, { resolve: resolve as never, reject }))
    },
    put(path, body) {
      return new Promise((resolve, reject) => {
        const req = request(
          `${origin}${path}`,
          {
            method: 'PUT',
            headers: { 'x-spool-token': token, origin, 'content-length': String(body.length) },
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode!, body: text }))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    },
    close: () => socket.terminate(),
  }
}

/** Polls until `check` returns a value (not undefined/false), or fails with the last value seen. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
