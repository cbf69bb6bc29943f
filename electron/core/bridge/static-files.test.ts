import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveStaticPath } from './static-files'

let parent: string
let root: string

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'spool-static-'))
  root = join(parent, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'app.js'), '')
  writeFileSync(join(parent, 'secret.txt'), 'token')
  mkdirSync(join(parent, 'renderer-evil'))
  writeFileSync(join(parent, 'renderer-evil', 'x.js'), '')
})
afterAll(() => rmSync(parent, { recursive: true, force: true }))

describe('resolveStaticPath', () => {
  it('finds files inside the root', () => {
    expect(resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'))
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/../renderer-evil/x.js',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull()
  })

  it('does not serve directories', () => {
    expect(resolveStaticPath(root, '/assets')).toBeNull()
    expect(resolveStaticPath(root, '/')).toBeNull()
  })
})
