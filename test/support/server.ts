// Starts the real Spool server on 127.0.0.1 with a fresh data directory, for integration and e2e
// tests, plus small helpers to call its API.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serverNodeFlags } from '../../server/node-flags'
import { startProcess, type Started } from './process'

export interface TestServer {
  url: string
  dataDir: string
  process: Started
  stop(): Promise<void>
}

export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
  /** Node's own flags; the server's usual ones (server/node-flags.ts) by default. */
  nodeArgs: readonly string[] = serverNodeFlags,
): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'spool-server-'))
  const started = await startProcess('server/main.ts', {
    nodeArgs,
    env: { SPOOL_PORT: '0', SPOOL_DATA_DIR: dir, SPOOL_LOG_LEVEL: 'warn', ...env },
    readyPattern: /Spool server listening on (http:\/\/\S+)/,
  })
  return {
    url: started.ready,
    dataDir: dir,
    process: started,
    async stop() {
      await started.stop()
      if (!dataDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface ApiResponse<T = unknown> {
  status: number
  body: T
  headers: Headers
}

/** JSON in, JSON out; never throws on an HTTP error status, so tests can assert on it. */
export async function api<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, headers: response.headers }
}

/** Registers an account and returns its Bearer token. */
export async function register(
  base: string,
  username: string,
  password = 'a long enough password',
): Promise<string> {
  const response = await api<{ token: string }>(base, 'POST', '/api/auth/register', {
    body: { username, password },
  })
  if (response.status !== 201)
    throw new Error(`register ${username}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.token
}
