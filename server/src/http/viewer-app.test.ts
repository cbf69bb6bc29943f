import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createViewerAppHandler, safeSegments } from './viewer-app'

const servers: Server[] = []
const dirs: string[] = []

async function serve(webDir: string): Promise<string> {
  const handle = createViewerAppHandler(webDir)
  const server = createServer((req, res) => void handle(req, res, new URL(`http://x${req.url}`)))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function webDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spool-web-'))
  dirs.push(dir)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('safeSegments', () => {
  it('splits plain paths and refuses anything that could climb out', () => {
    expect(safeSegments('/assets/index-abc.js')).toEqual(['assets', 'index-abc.js'])
    expect(safeSegments('/')).toEqual([])
    expect(safeSegments('/a%20b')).toEqual(['a b'])
    for (const bad of ['/..%2fetc', '/a/../b', '/%2e%2e/x', '/a%5c..%5cb', '/a%00b', '/%E0%A4%A']) {
      expect(safeSegments(bad), bad).toBeNull()
    }
  })
})

describe('viewer app handler', () => {
  it('explains how to build the app when it is missing', async () => {
    const url = await serve(join(tmpdir(), 'spool-no-such-web-dir'))
    const response = await fetch(`${url}/`)
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await response.text()).toContain('npm run build:web')
    const deepLink = await fetch(`${url}/@mia`)
    expect(deepLink.status).toBe(503)
  })

  it('serves files with their content type and cache policy, and falls back to index.html', async () => {
    const url = await serve(
      webDir({
        'index.html': '<!doctype html><div id="root"></div>',
        'assets/app-1a2b.css': 'body{}',
        'favicon.svg': '<svg/>',
        '.source-stamp': '123',
      }),
    )
    const css = await fetch(`${url}/assets/app-1a2b.css`)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toContain('immutable')
    const icon = await fetch(`${url}/favicon.svg`)
    expect(icon.headers.get('content-type')).toBe('image/svg+xml')
    expect(icon.headers.get('cache-control')).not.toContain('immutable')

    const head = await fetch(`${url}/r/abc`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('cache-control')).toBe('no-cache')
    expect(await head.text()).toBe('')

    const stamp = await fetch(`${url}/.source-stamp`)
    expect(stamp.status).toBe(404)
  })

  it('answers every client-side route with index.html, whatever the client accepts', async () => {
    const url = await serve(webDir({ 'index.html': '<!doctype html><div id="root"></div>' }))
    // Without Accept: text/html (a link preview, curl, a prefetch) only the route table decides.
    const plain = { accept: '*/*' }
    for (const path of ['/', '/search', '/search/', '/search?q=cats', '/r/abc', '/@mia', '/t/cats']) {
      const response = await fetch(`${url}${path}`, { headers: plain })
      expect(response.status, path).toBe(200)
      expect(await response.text(), path).toContain('<div id="root">')
    }
    for (const path of ['/searching', '/search/more', '/nothing']) {
      const response = await fetch(`${url}${path}`, { headers: plain })
      expect(response.status, path).toBe(404)
      expect((await response.json()) as unknown, path).toMatchObject({ error: { code: 'not_found' } })
    }
  })
})
