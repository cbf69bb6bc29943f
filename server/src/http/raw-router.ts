// The thin layer in front of fastify. Hot paths (tus PATCH, media segments) are plain node:http
// handlers because they were measured much faster without fastify's per-request work; everything
// not claimed here goes to fastify. To add a raw handler, add a row to the table in app.ts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyBaseLogger } from 'fastify'
import { sendJsonError } from './api-error'

export type RawHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>

export interface RawRoute {
  /** For logs. */
  name: string
  matches(req: IncomingMessage, url: URL): boolean
  handle: RawHandler
}

/** Matches `prefix` itself and everything below it (`/media` and `/media/…`, not `/mediafoo`). */
export function underPath(prefix: string, methods?: readonly string[]): RawRoute['matches'] {
  const base = prefix.replace(/\/$/, '')
  return (req, url) =>
    (url.pathname === base || url.pathname.startsWith(base + '/')) &&
    (methods === undefined || methods.includes(req.method ?? ''))
}

/** Answers the API's JSON 404 until the real handler lands. */
export function notBuiltYet(what: string): RawHandler {
  return (_req, res) => sendJsonError(res, 404, 'not_found', `${what} is not available on this server yet.`)
}

const LOGS_INFO = new Set(['trace', 'debug', 'info'])

function logWhenClosed(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  log: () => FastifyBaseLogger,
): void {
  const started = performance.now()
  res.once('close', () => {
    log().info(
      {
        route,
        req: { method: req.method, url: req.url },
        res: { statusCode: res.statusCode },
        responseTime: performance.now() - started,
        aborted: !res.writableFinished,
      },
      'raw request completed',
    )
  })
}

export function createRawRouter(
  routes: readonly RawRoute[],
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
  log: () => FastifyBaseLogger,
) {
  return function route(req: IncomingMessage, res: ServerResponse): void {
    // Parsed against a dummy origin so that a path like //host/x stays a path.
    let url: URL
    try {
      url = new URL(`http://raw${req.url ?? '/'}`)
    } catch {
      return fallback(req, res)
    }
    const match = routes.find((r) => r.matches(req, url))
    if (!match) return fallback(req, res)

    // The access log line costs a listener and a timer per request: only when it is written.
    if (LOGS_INFO.has(log().level)) logWhenClosed(req, res, match.name, log)
    const failed = (error: unknown) => {
      if (res.headersSent) {
        // A client that goes away mid-download is normal; anything else is worth a look.
        if (!req.destroyed) log().error({ err: error, route: match.name }, 'raw handler failed mid-response')
        res.destroy()
        return
      }
      log().error({ err: error, route: match.name }, 'raw handler failed')
      sendJsonError(res, 500, 'internal_error', 'Something went wrong on the server.')
    }
    // Called in this tick: a handler that can answer at once (a hot media file) does.
    try {
      const pending = match.handle(req, res, url)
      if (pending) pending.catch(failed)
    } catch (error) {
      failed(error)
    }
  }
}
