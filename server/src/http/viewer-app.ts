// Serves the built viewer web app (out/web) as a raw node:http handler: hashed assets are
// immutable, index.html is revalidated every time, and the app's own routes fall back to
// index.html so that a shared link like /r/<id> opens the app.
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join, resolve, sep } from 'node:path'
import { sendJsonError } from './api-error'
import { sendFile } from './static-file'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'
const SHORT = 'public, max-age=3600'

/** The viewer app's client-side routes (see server/web/src/routing/routes.ts). */
const appRoutes = [
  /^\/$/,
  /^\/search\/?$/,
  /^\/r\/[^/]+\/?$/,
  /^\/@[^/]+\/?$/,
  /^\/t\/[^/]+\/?$/,
  /^\/s\/[^/]+\/?$/,
]

/** URL path → path segments, or null when it is not a plain, safe relative path. */
export function safeSegments(rawPath: string): string[] | null {
  let path: string
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (path.includes('\0') || path.includes('\\')) return null
  const segments = path.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '.' || s === '..')) return null
  return segments
}

async function fileAt(path: string) {
  try {
    const info = await stat(path)
    return info.isFile() ? info : null
  } catch {
    return null
  }
}

function wantsHtml(req: IncomingMessage, pathname: string): boolean {
  if (pathname.startsWith('/assets/')) return false
  if (appRoutes.some((route) => route.test(pathname))) return true
  return (req.headers.accept ?? '').includes('text/html')
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Spool — viewer app not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#0b0b0f;color:#eee;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:32rem;padding:2rem}code{background:#222;padding:.1rem .35rem;border-radius:4px}</style></head>
<body><main><h1>The viewer web app is not built</h1>
<p>The Spool server is running, but it has no web app to show. Run <code>npm run build:web</code>
(or start the server with <code>npm run server</code>, which builds it first), then reload this page.</p>
</main></body></html>`

export function createViewerAppHandler(webDir: string) {
  const root = resolve(webDir)

  async function sendIndex(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const index = join(root, 'index.html')
    const info = await fileAt(index)
    if (info) return sendFile(req, res, index, info, { cacheControl: REVALIDATE })
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : notBuiltPage)
  }

  return async function serveViewerApp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const segments = safeSegments(url.pathname)
    if (segments === null) return sendJsonError(res, 400, 'bad_request', 'This path is not allowed.')

    // Dot files (e.g. the build's .source-stamp) are never part of the app.
    const file = resolve(root, ...segments)
    const inside = file.startsWith(root + sep) && !segments.some((s) => s.startsWith('.'))
    if (inside && segments.at(-1) !== 'index.html') {
      const info = await fileAt(file)
      if (info) {
        const cacheControl = segments[0] === 'assets' ? IMMUTABLE : SHORT
        return sendFile(req, res, file, info, { cacheControl })
      }
    }
    if (wantsHtml(req, url.pathname) || segments.at(-1) === 'index.html') return sendIndex(req, res)
    sendJsonError(res, 404, 'not_found', `Nothing at ${url.pathname}.`)
  }
}
