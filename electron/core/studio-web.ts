// `npm run studio:web`: the studio core plus the renderer in a plain browser, over the local
// WebSocket bridge. Used for development without Electron and by the e2e tests.
//
//   SPOOL_STUDIO_DATA_DIR  where the database lives (default: ~/.spool-studio, deliberately not the
//                          Electron app's userData, so a browser session never fights the app)
//   SPOOL_STUDIO_PORT      port on 127.0.0.1 (default 0: any free port)
//   SPOOL_STUDIO_UPLOAD_CHUNK_BYTES, SPOOL_STUDIO_UPLOAD_CHUNK_DELAY_MS, SPOOL_STUDIO_OFFLINE_PROBE_MS,
//   SPOOL_STUDIO_UPLOAD_POLL_MS, SPOOL_STUDIO_UPLOAD_RETRY_MS
//                          upload queue tuning for tests (small slow chunks to interrupt an upload)
//   SPOOL_STUDIO_SYNC_MAX_BACKOFF_MS, SPOOL_STUDIO_OUTBOX_RETRY_MS
//                          live sync tuning for tests (reconnect quickly after a server restart)
//
// Prints exactly one line on stdout once ready: `Studio: http://127.0.0.1:PORT/?token=TOKEN`.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startWsBridge } from './bridge/ws-bridge'
import { createStudioCore } from './index'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const staticDir = join(repoRoot, 'out', 'renderer')

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SPOOL_STUDIO_PORT must be a port number (0–65535), got "${value}"`)
  }
  return port
}

function positiveInt(name: string): number | undefined {
  const value = process.env[name]
  if (value === undefined || value === '') return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer`)
  return number
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.SPOOL_STUDIO_DATA_DIR || join(homedir(), '.spool-studio'))
  const port = parsePort(process.env.SPOOL_STUDIO_PORT)
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}). Run \`npm run build:web\` first.`)
  }
  const core = createStudioCore({
    dataDir,
    upload: {
      chunkBytes: positiveInt('SPOOL_STUDIO_UPLOAD_CHUNK_BYTES'),
      chunkDelayMs: positiveInt('SPOOL_STUDIO_UPLOAD_CHUNK_DELAY_MS'),
      probeMs: positiveInt('SPOOL_STUDIO_OFFLINE_PROBE_MS'),
      pollMs: positiveInt('SPOOL_STUDIO_UPLOAD_POLL_MS'),
      retryBaseMs: positiveInt('SPOOL_STUDIO_UPLOAD_RETRY_MS'),
    },
    sync: {
      maxBackoffMs: positiveInt('SPOOL_STUDIO_SYNC_MAX_BACKOFF_MS'),
      outboxRetryMs: positiveInt('SPOOL_STUDIO_OUTBOX_RETRY_MS'),
    },
  })
  const bridge = await startWsBridge({ core, staticDir, port }).catch((error: unknown) => {
    core.close()
    throw error
  })

  let stopping = false
  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    await bridge.close()
    core.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())

  console.log(`Studio: ${bridge.url}`)
}

main().catch((error: unknown) => {
  // DatabaseTooNewError and friends already explain themselves; no stack trace for people.
  console.error(`Spool Studio could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
