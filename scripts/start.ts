// `npm start`: the main job on one machine — the server (viewer app, embedded SQLite + media under
// ./data, port 8080) and the studio. The studio opens as the Electron app where an Electron binary
// exists; otherwise (or with SPOOL_STUDIO=web) it is served to a browser over the local bridge.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { serverNodeFlags } from '../server/node-flags'
import { buildWebApps } from './build-web'

const root = fileURLToPath(new URL('..', import.meta.url))

function electronBinaryPresent(): boolean {
  // The electron package records where it unpacked its binary; it is absent when the download
  // was skipped or impossible (as on machines without access to GitHub).
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()))
}

const children: ChildProcess[] = []
function run(label: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`))
  }
  child.on('exit', (code, signal) => {
    console.log(`[${label}] stopped (${signal ?? code})`)
    shutdown(code ?? 0)
  })
  children.push(child)
  return child
}

let stopping = false
function shutdown(code: number): void {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 12_000).unref()
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(
    () => process.exit(code),
  )
}
process.on('SIGINT', () => shutdown(0))
process.on('SIGTERM', () => shutdown(0))

await buildWebApps({ ifMissing: true })
run('server', process.execPath, [
  ...serverNodeFlags,
  '--import',
  'tsx',
  'server/main.ts',
  ...process.argv.slice(2),
])
if (process.env.SPOOL_STUDIO !== 'web' && electronBinaryPresent()) {
  run('studio', process.execPath, [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'dev',
  ])
} else {
  if (process.env.SPOOL_STUDIO !== 'web')
    console.log('[studio] No Electron binary here: serving the studio to your browser instead.')
  run('studio', process.execPath, ['--import', 'tsx', 'electron/core/studio-web.ts'])
}
