import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkLayers, judgeImport } from './check-layers'

const roots: string[] = []
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'spool-layers-'))
  roots.push(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })))

describe('layer check', () => {
  it('passes a tree whose imports respect the layers', () => {
    const root = tree({
      'shared/ids.ts': `export const x = 1`,
      'shared/node/fs-thing.ts': `import { readFileSync } from 'node:fs'\nimport { x } from '../ids'`,
      'renderer/src/app.tsx': `import { x } from '../../shared/ids'\nimport React from 'react'`,
      'electron/core/index.ts': `import Database from 'better-sqlite3'\nimport { x } from '../../shared/ids'`,
      'electron/core/db.ts': `import { readFileSync } from 'node:fs'`,
      'electron/main/index.ts': `import { app } from 'electron'\nimport { createStudioCore } from '../core'`,
      'server/main.ts': `import { x } from '../shared/node/fs-thing'\nimport fastify from 'fastify'`,
    })
    expect(checkLayers(root)).toEqual([])
  })

  it('catches a renderer file that imports a Node built-in, electron, or Node-only code', () => {
    const root = tree({
      'renderer/src/bad.ts': `import { readFileSync } from 'fs'\nimport { ipcRenderer } from 'electron'\nimport '../../shared/node/x'\nimport Database from 'better-sqlite3'`,
      'shared/node/x.ts': ``,
    })
    const found = checkLayers(root).map((v) => v.specifier)
    expect(found).toEqual(['fs', 'electron', '../../shared/node/x', 'better-sqlite3'])
  })

  it('catches the core or the server importing electron, and the server importing the studio', () => {
    const root = tree({
      'electron/core/bad.ts': `import { app } from 'electron'`,
      'server/bad.ts': `import { BrowserWindow } from 'electron'\nimport { y } from '../electron/core/index'\nimport { z } from '../renderer/src/z'`,
    })
    const found = checkLayers(root).map((v) => `${v.file}:${v.specifier}`)
    expect(found).toEqual([
      'electron/core/bad.ts:electron',
      'server/bad.ts:electron',
      'server/bad.ts:../electron/core/index',
      'server/bad.ts:../renderer/src/z',
    ])
  })

  it('catches shared/ importing another area or a Node built-in', () => {
    const root = tree({ 'shared/bad.ts': `import { x } from '../server/x'\nexport * from 'node:path'` })
    expect(checkLayers(root).map((v) => v.specifier)).toEqual(['../server/x', 'node:path'])
  })

  it('lets electron/main reach the core only through its public entry', () => {
    expect(judgeImport('electron/main/index.ts', '../core', '/r')).toBeNull()
    expect(judgeImport('electron/main/index.ts', '../core/index', '/r')).toBeNull()
    expect(judgeImport('electron/main/index.ts', '../core/db', '/r')).toMatch(/public entry/)
  })

  it('sees dynamic imports and require calls too', () => {
    const root = tree({
      'renderer/src/lazy.ts': `const m = await import('node:child_process')\nconst f = require('fs')`,
    })
    expect(checkLayers(root).map((v) => v.specifier)).toEqual(['node:child_process', 'fs'])
  })
})
