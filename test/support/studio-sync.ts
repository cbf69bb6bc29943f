// Studio cores for live-sync tests in Node: a core with a quick reconnect and outbox retry, and a
// wait for the Dashboard to reach a state. The caller's cleanup list closes what was opened.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { StudioClient } from '../../shared/rpc/client'
import type { Dashboard } from '../../shared/rpc/contract'
import { openCoreWithClient, type CoreWithClient } from './core-client'
import { startTestServer, type TestServer } from './server'
import { eventually } from './studio-web'

export type Cleanup = Array<() => unknown>

/** A fresh data folder for a studio core, removed by the cleanup. */
export function newStudioDataDir(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-sync-studio-'))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A core on that folder that reconnects and retries its outbox within 300 ms. */
export function openSyncCore(dataDir: string, cleanup: Cleanup): CoreWithClient {
  const opened = openCoreWithClient({ dataDir, sync: { maxBackoffMs: 300, outboxRetryMs: 300 } })
  cleanup.push(() => opened.core.close())
  return opened
}

async function serverUp(serverUrl: string): Promise<boolean> {
  try {
    return (await fetch(new URL('/healthz', serverUrl))).ok
  } catch {
    return false
  }
}

/**
 * A real server for a file of tests that stop it on purpose (call inside the file, before its own
 * hooks): started before all, `restart()` brings it back on the same data and address — to a
 * studio, the same server after an outage — as does the end of any test that left it down.
 */
export function serverOnOneAddress(name: string, env: Record<string, string> = {}) {
  let dir = ''
  let port = ''
  const held = {
    server: undefined as TestServer | undefined,
    get url(): string {
      return held.server!.url
    },
    stop: () => held.server!.stop(),
    async restart(): Promise<void> {
      held.server = await startTestServer({ ...env, SPOOL_PORT: port }, dir)
    },
  }
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `spool-${name}-server-`))
    held.server = await startTestServer(env, dir)
    port = new URL(held.server.url).port
  })
  afterEach(async () => {
    if (held.server && !(await serverUp(held.server.url))) await held.restart()
  })
  afterAll(async () => {
    await held.server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return held
}

/** The Dashboard once `check` accepts it (20 s at most). */
export const dashboardWhen = (client: StudioClient, what: string, check: (d: Dashboard) => boolean) =>
  eventually(
    async () => {
      const dashboard = await client.call('dashboard.get', {})
      return check(dashboard) ? dashboard : undefined
    },
    20_000,
    what,
  )

/** One request as the server answered it, before the answer was (maybe) lost. */
export interface SentAttempt {
  key: string
  status: number
  replayed: string | null
}

/**
 * The real fetch, except that the first `lose` answers are lost on their way back (the request
 * reached the server and was applied); `sent` records every attempt with its Idempotency-Key.
 */
export function answerLosingFetch(lose: number): { fetch: typeof fetch; sent: SentAttempt[] } {
  const sent: SentAttempt[] = []
  let left = lose
  return {
    sent,
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      sent.push({
        key: new Headers(init?.headers).get('idempotency-key')!,
        status: response.status,
        replayed: response.headers.get('idempotent-replayed'),
      })
      if (left-- > 0) throw new TypeError('fetch failed: connection reset')
      return response
    },
  }
}
