// The studio:web bridge as a real process, spoken to by a real ws client: who may connect, and that
// bad input gets typed errors without taking the process (or the connection) down.
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { loadMigrations } from '../../shared/node/sqlite-migrations'
import type { RpcServerMessage } from '../../shared/rpc/envelope'
import { defaultMigrationsDir } from '../../electron/core/db'
import type { Started } from '../support/process'
import { startStudioProcess } from '../support/studio-web'

let studio: Started
let dataDir: string
let origin: string
let token: string
const sockets: WebSocket[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-bridge-'))
  studio = await startStudioProcess(dataDir)
  const url = new URL(studio.ready)
  origin = url.origin
  token = url.searchParams.get('token')!
})

afterAll(async () => {
  sockets.forEach((socket) => socket.terminate())
  // Graceful shutdown on SIGTERM: ws, http and db closed, exit code 0.
  expect(await studio?.stop('SIGTERM')).toBe(0)
  rmSync(dataDir, { recursive: true, force: true })
})

/** Resolves with the open socket, or rejects with the HTTP status the upgrade got. */
function connect(
  options: { token?: string | null; origin?: string | null; path?: string } = {},
): Promise<WebSocket> {
  const given = options.token === undefined ? token : options.token
  const query = given === null ? '' : `?token=${encodeURIComponent(given)}`
  const headers = options.origin === null ? {} : { origin: options.origin ?? origin }
  const socket = new WebSocket(`${origin.replace('http', 'ws')}${options.path ?? '/rpc'}${query}`, {
    headers,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    socket.once('error', reject)
  })
}

/** Collects every message a socket receives, so tests can wait for the one they expect. */
function inbox(socket: WebSocket) {
  const messages: RpcServerMessage[] = []
  const waiters: Array<() => void> = []
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as RpcServerMessage)
    waiters.splice(0).forEach((wake) => wake())
  })
  async function next(
    match: (message: RpcServerMessage) => boolean,
    timeoutMs = 5000,
  ): Promise<RpcServerMessage> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const index = messages.findIndex(match)
      if (index >= 0) return messages.splice(index, 1)[0]!
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`)
      await new Promise<void>((wake) => {
        waiters.push(wake)
        setTimeout(wake, 100)
      })
    }
  }
  let id = 1
  async function call(method: string, params: unknown = {}) {
    const requestId = id++
    socket.send(JSON.stringify({ type: 'request', id: requestId, method, params }))
    return next((message) => message.type === 'response' && message.id === requestId)
  }
  return { next, call }
}

function httpGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('studio:web bridge', () => {
  it('prints exactly one line, the studio URL with a 32-byte token, bound to 127.0.0.1', () => {
    expect(studio.output().trim().split('\n')).toEqual([`Studio: ${studio.ready}`])
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
  })

  it('refuses a wrong token with 401', async () => {
    await expect(connect({ token: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') })).rejects.toThrow(
      'HTTP 401',
    )
  })

  it('refuses a missing token with 401', async () => {
    await expect(connect({ token: null })).rejects.toThrow('HTTP 401')
  })

  it('refuses another Origin with 403, even with the right token', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403')
    await expect(connect({ origin: origin.replace('127.0.0.1', 'localhost') })).rejects.toThrow('HTTP 403')
  })

  it('refuses a connection without an Origin with 403 (browsers always send one)', async () => {
    await expect(connect({ origin: null })).rejects.toThrow('HTTP 403')
  })

  it('answers app.info over an authorised connection', async () => {
    const { call } = inbox(await connect())
    expect(await call('app.info')).toMatchObject({
      ok: true,
      result: {
        name: 'Spool Studio',
        transport: 'web-bridge',
        dataDir,
        schemaVersion: loadMigrations(defaultMigrationsDir).length,
      },
    })
  })

  it('answers a bad settings value with invalid_params and keeps serving', async () => {
    const { call } = inbox(await connect())
    const response = await call('settings.set', { serverUrl: 'not a url', uploadConcurrency: 12 })
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
    if (response.type === 'response' && !response.ok) {
      expect(response.error.issues?.map((issue) => issue.path).sort()).toEqual([
        'serverUrl',
        'uploadConcurrency',
      ])
    }
    expect(await call('settings.get')).toMatchObject({ ok: true, result: { uploadConcurrency: 2 } })
  })

  it('answers garbage JSON, binary frames and oversize messages with bad_request, on the same connection', async () => {
    const socket = await connect()
    const { call, next } = inbox(socket)
    const badRequest = (message: RpcServerMessage) =>
      message.type === 'response' && !message.ok && message.error.code === 'bad_request'

    socket.send('{"type": "request", "id": 1,')
    expect(await next(badRequest)).toMatchObject({ id: -1, error: { message: 'Request is not valid JSON' } })

    socket.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await next(badRequest)).toMatchObject({
      error: { message: 'Send requests as JSON text messages' },
    })

    socket.send(
      JSON.stringify({ type: 'request', id: 99, method: 'app.info', params: { pad: 'x'.repeat(1_100_000) } }),
    )
    expect(await next(badRequest)).toMatchObject({ error: { message: 'Request is larger than 1 MiB' } })

    socket.send(JSON.stringify({ type: 'request', id: 'seven', method: 'app.info' }))
    expect(await next(badRequest)).toMatchObject({ error: { message: 'Malformed request' } })

    expect(await call('app.info')).toMatchObject({ ok: true })
  })

  it('drops a connection that sends a huge frame, and the process keeps serving others', async () => {
    const socket = await connect()
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.send('x'.repeat(5 * 1024 * 1024))
    expect(await closed).toBe(1009)
    const { call } = inbox(await connect())
    expect(await call('app.info')).toMatchObject({ ok: true })
  })

  it('pushes settings.changed to every connected client', async () => {
    const writer = inbox(await connect())
    const watcher = inbox(await connect())
    const response = await writer.call('settings.set', { theme: 'light' })
    expect(response).toMatchObject({ ok: true, result: { theme: 'light' } })
    expect(
      await watcher.next((message) => message.type === 'event' && message.name === 'settings.changed'),
    ).toMatchObject({ payload: { theme: 'light', serverUrl: 'http://127.0.0.1:8080' } })
  })

  it('serves the renderer, falls back to index.html for app routes, and never leaves its folder', async () => {
    const host = { host: new URL(origin).host }
    const index = await httpGet('/', host)
    expect(index.status).toBe(200)
    expect(index.body).toContain('<div id="root"></div>')
    expect((await httpGet('/settings', host)).body).toBe(index.body)
    expect((await httpGet('/assets/missing.js', host)).status).toBe(404)
    expect((await httpGet('/%2e%2e/%2e%2e/package.json', host)).status).toBe(404)
    expect((await httpGet('/..%2f..%2fpackage.json', host)).status).toBe(404)
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 gets nothing.
    expect((await httpGet('/', { host: 'evil.example' })).status).toBe(421)
  })
})
