// The layer check (part of `npm run lint`): code is split by where it may run, and an import that
// crosses a line the wrong way fails the build — so the folder layout keeps explaining itself.
// Rules (see docs/architecture.md): shared/ imports no other area; browser code (renderer/,
// server/web/) imports no Node built-ins, no electron and no Node-only shared code; the studio core
// and the server never import electron; the server never imports the studio; electron/main
// reaches the core only through its public entry.
import { builtinModules } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export interface Violation {
  file: string
  specifier: string
  rule: string
}

type Area =
  'shared' | 'shared-node' | 'renderer' | 'server-web' | 'server' | 'core' | 'main' | 'preload' | 'other'

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs)$/
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'data', '.git', 'test-results'])
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
/** Packages that only run in Node: importing one from browser code is a layer error too. */
const NODE_ONLY_PACKAGES = new Set([
  'better-sqlite3',
  'ws',
  'fastify',
  '@tus/server',
  '@tus/file-store',
  'pino',
])

export function areaOf(path: string): Area {
  // A trailing slash makes a folder itself (`../core` from electron/main) belong to its area.
  const p = `${path.split(sep).join('/')}/`
  if (p.startsWith('shared/node/')) return 'shared-node'
  if (p.startsWith('shared/')) return 'shared'
  if (p.startsWith('renderer/')) return 'renderer'
  if (p.startsWith('server/web/')) return 'server-web'
  if (p.startsWith('server/')) return 'server'
  if (p.startsWith('electron/core/')) return 'core'
  if (p.startsWith('electron/main/')) return 'main'
  if (p.startsWith('electron/preload/')) return 'preload'
  return 'other'
}

function isTestFile(path: string): boolean {
  return /\.test\.(ts|tsx)$/.test(path)
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** Decides one import; returns the broken rule, or null when the import is allowed. */
export function judgeImport(fromFile: string, specifier: string, root: string): string | null {
  const from = areaOf(fromFile)
  const relativeImport = specifier.startsWith('.') || specifier.startsWith('/')
  const target = relativeImport ? relative(root, resolve(root, dirname(fromFile), specifier)) : null
  const to = target === null ? null : areaOf(target)
  const pkg = relativeImport ? null : packageName(specifier)
  const isBuiltin = pkg !== null && (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(pkg))
  const isElectron = pkg === 'electron' || (pkg?.startsWith('@electron/') ?? false)

  if (to === 'other' && target !== null && target.startsWith('..'))
    return 'imports from outside the repository'
  switch (from) {
    case 'shared':
      if (isBuiltin)
        return 'shared/ is used by browser code: no Node built-ins (put Node-only code in shared/node/)'
      if (isElectron) return 'shared/ never imports electron'
      if (to !== null && to !== 'shared') return 'shared/ imports nothing from the other areas'
      return null
    case 'shared-node':
      if (isElectron) return 'shared/node/ never imports electron'
      if (to !== null && to !== 'shared' && to !== 'shared-node')
        return 'shared/ imports nothing from the other areas'
      return null
    case 'renderer':
    case 'server-web':
      if (isBuiltin)
        return `${from === 'renderer' ? 'renderer/' : 'server/web/'} runs in a browser: no Node built-ins`
      if (isElectron) return 'browser code never imports electron (use window.spool through the typed client)'
      if (pkg !== null && NODE_ONLY_PACKAGES.has(pkg))
        return `browser code cannot use the Node-only package ${pkg}`
      if (to === 'shared-node') return 'browser code cannot import shared/node/'
      if (to !== null && to !== from && to !== 'shared')
        return 'browser code imports only its own area and shared/'
      return null
    case 'core':
      if (isElectron) return 'electron/core is plain Node: it never imports electron'
      if (to !== null && !['core', 'shared', 'shared-node'].includes(to))
        return 'electron/core imports only itself and shared/'
      return null
    case 'server':
      if (isElectron) return 'server/ never imports electron'
      if (to !== null && !['server', 'shared', 'shared-node'].includes(to))
        return 'server/ never imports electron/ or renderer/ (or the browser app server/web/)'
      return null
    case 'main':
      if (to === 'core' && target !== null && !isCoreEntry(target)) {
        return 'electron/main reaches the core only through its public entry (electron/core/index.ts)'
      }
      if (to !== null && !['main', 'core', 'shared', 'shared-node'].includes(to))
        return 'electron/main imports only the core entry and shared/'
      return null
    case 'preload':
      if (to !== null && !['preload', 'shared'].includes(to))
        return 'electron/preload imports only shared/ (it must stay tiny)'
      return null
    default:
      return null
  }
}

function isCoreEntry(target: string): boolean {
  const p = target.split(sep).join('/').replace(SOURCE, '')
  return p === 'electron/core' || p === 'electron/core/index'
}

function* sourceFiles(root: string, dir: string): Generator<string> {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* sourceFiles(root, path)
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield path
    }
  }
}

export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true)
  return info.importedFiles.map((ref) => ref.fileName)
}

export function checkLayers(root: string, areas = ['shared', 'renderer', 'server', 'electron']): Violation[] {
  const violations: Violation[] = []
  for (const area of areas) {
    let files: Generator<string>
    try {
      readdirSync(join(root, area))
      files = sourceFiles(root, area)
    } catch {
      continue
    }
    for (const file of files) {
      // Tests may reach across areas to set up real parts (a server test starts a studio core).
      if (isTestFile(file)) continue
      for (const specifier of importsOf(readFileSync(join(root, file), 'utf8'))) {
        const rule = judgeImport(file, specifier, root)
        if (rule) violations.push({ file, specifier, rule })
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const violations = checkLayers(root)
  for (const v of violations) console.error(`${v.file}: import "${v.specifier}" — ${v.rule}`)
  if (violations.length > 0) {
    console.error(`Layer check: ${violations.length} forbidden import(s).`)
    process.exit(1)
  }
  console.log('Layer check: every import stays within its layer.')
}
