// `npm run dist`: build with electron-vite and pack installers with electron-builder, which
// rebuilds native modules (better-sqlite3) for Electron's ABI in node_modules. Afterwards we
// rebuild them for Node again, so tests keep working in the same checkout.
import { spawnSync } from 'node:child_process'

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return result.status ?? 1
}

let status = run('npx', ['electron-vite', 'build'])
if (status === 0) {
  status = run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)])
  const restored = run('npm', ['rebuild', 'better-sqlite3'])
  if (restored !== 0)
    console.error('Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3`.')
}
process.exit(status)
