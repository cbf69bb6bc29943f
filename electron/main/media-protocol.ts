// spool-media:// — how the Electron renderer's <video> and <img> reach library files, with Range
// (net.fetch of a file: URL passes the Range header on). Only the shapes the library has are served
// (source, thumbs/NN.jpg, sound/<sha256>.<ext>), strictly inside <userData>/library; anything else
// is a 404.
import { net, protocol } from 'electron'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SPOOL_MEDIA_SCHEME } from '../../shared/rpc/bridge-api'

const MEDIA_PATH =
  /^\/([0-9A-HJKMNP-TV-Z]{26})\/(source|thumbs\/\d{2}\.jpg|sound\/[0-9a-f]{64}\.[a-z0-9]{2,4})$/

/** Must run before app is ready: a privileged scheme may be fetched, streamed and drawn on canvas. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: SPOOL_MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

export function handleMediaProtocol(libraryDir: string): void {
  protocol.handle(SPOOL_MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url)
    const match = url.host === 'library' ? MEDIA_PATH.exec(url.pathname) : null
    if (!match) return new Response('Not found', { status: 404 })
    const [, id, part] = match
    const folder = join(libraryDir, id!)
    let file: string | undefined
    if (part === 'source') {
      // The core names the source after its container (source.mp4, source.mov, …).
      const name = safeList(folder).find((entry) => /^source\.[a-z0-9]+$/.test(entry))
      file = name && join(folder, name)
    } else file = join(folder, part!)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString(), { headers: request.headers })
    // The renderer (file:// in a packaged app) draws frames of these videos on a canvas for the
    // poster strip; without a CORS grant the canvas would be tainted and unreadable.
    const headers = new Headers(response.headers)
    headers.set('Access-Control-Allow-Origin', '*')
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
  })
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder)
  } catch {
    return []
  }
}
