// Entry point of the Spool server: `npm run server` (see API.md "Starting it").
// Exit codes: 0 after a clean shutdown, 2 for a bad setting, 1 when it cannot start or run.
import { fileURLToPath } from 'node:url'
import { createSpoolServer, type SpoolServer } from './src/app'
import { ConfigError, parseConfig, type ServerConfig } from './src/config'
import { DatabaseTooNewError, UnsupportedDatabaseError } from './src/db'

const webDir = fileURLToPath(new URL('../out/web', import.meta.url))

function fail(message: string, code: number): never {
  console.error(`Spool server: ${message}`)
  process.exit(code)
}

let config: ServerConfig
try {
  config = parseConfig(process.argv.slice(2), process.env, process.cwd(), webDir)
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2)
  throw error
}

let server: SpoolServer
try {
  server = createSpoolServer(config)
} catch (error) {
  if (error instanceof DatabaseTooNewError || error instanceof UnsupportedDatabaseError)
    fail(error.message, 1)
  throw error
}

// Installed before the ready line is printed: a signal that arrives before its handler exists
// kills the process outright, skipping the clean shutdown.
let stopping = false
function shutDown(signal: NodeJS.Signals): void {
  if (stopping) {
    server.log.warn({ signal }, 'shutdown: second signal, exiting now')
    process.exit(1)
  }
  stopping = true
  server.log.info({ signal }, 'shutdown: signal received')
  server.close().then(
    () => {
      server.log.info('shutdown: done')
      process.exit(0)
    },
    (error: unknown) => {
      server.log.error({ err: error }, 'shutdown: failed')
      process.exit(1)
    },
  )
}
process.on('SIGTERM', shutDown)
process.on('SIGINT', shutDown)

try {
  const url = await server.listen()
  server.log.info({ url, publicUrl: server.publicUrl, dataDir: config.dataDir }, 'listening')
  // The one plain line people (and tests) look for among the JSON logs.
  console.log(`Spool server listening on ${url}`)
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') fail(`port ${config.port} on ${config.host} is already in use.`, 1)
  if (code === 'EACCES') fail(`not allowed to listen on ${config.host}:${config.port}.`, 1)
  throw error
}
