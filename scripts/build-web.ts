// Builds the two browser apps: the studio renderer (out/renderer, served by `studio:web` and loaded
// by Electron) and the viewer web app (out/web, served by the server). With --if-missing it only
// rebuilds an app whose sources changed since its last build, so `npm run server` starts fast.
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

export const webApps = [
  {
    name: 'studio renderer',
    config: 'renderer/vite.config.ts',
    outDir: 'out/renderer',
    sources: ['renderer', 'shared'],
  },
  {
    name: 'viewer web app',
    config: 'server/web/vite.config.ts',
    outDir: 'out/web',
    sources: ['server/web', 'shared'],
  },
] as const

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

function sourceStamp(app: (typeof webApps)[number]): string {
  const paths = [
    ...app.sources.map((s) => join(root, s)),
    join(root, app.config),
    join(root, 'package-lock.json'),
  ]
  return String(Math.max(...paths.filter(existsSync).map(newestMtime)))
}

export async function buildWebApps(options: { ifMissing: boolean; quiet?: boolean }): Promise<void> {
  for (const app of webApps) {
    const stampFile = join(root, app.outDir, '.source-stamp')
    const stamp = sourceStamp(app)
    if (options.ifMissing && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) continue
    if (!options.quiet) console.log(`Building the ${app.name}…`)
    await build({ configFile: join(root, app.config), logLevel: options.quiet ? 'error' : 'warn' })
    writeFileSync(stampFile, stamp)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWebApps({ ifMissing: process.argv.includes('--if-missing') })
}
