// Who may open which live document, decided on the HTTP upgrade request before any WebSocket
// handshake (API.md "Live sync"): reel:<id> — anyone, while the reel is published (a removed one
// answers 410, like its media); creator:<u>
// and draft:<u>:<id> — user <u> only, and only drafts are writable. Credentials come as
// ?token= (browsers cannot set headers on a WebSocket), a Bearer header, or the session cookie;
// with the cookie the Origin must be ours, since any page may open a WebSocket that carries it.
import type { IncomingMessage } from 'node:http'
import { SYNC_PATH, parseLiveDocName, type LiveDocName } from '../../../shared/api/live-docs'
import { SESSION_COOKIE, type Authenticator } from '../accounts/authenticate'
import { ApiError } from '../http/api-error'
import { parseCookies } from '../http/cookies'
import type { ReelStatus } from './live-queries'

export interface SyncGrant {
  name: string
  kind: LiveDocName
  writable: boolean
}

export interface AccessDeps {
  auth: Authenticator
  /** A reel's status, undefined for an unknown id. */
  reelStatus: (reelId: string) => ReelStatus | undefined
  /** Origins a cookie-authenticated upgrade may come from besides the request's own host. */
  trustedOrigins: () => readonly string[]
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/

function docNameOf(url: URL): string | null {
  if (!url.pathname.startsWith(SYNC_PATH)) return null
  try {
    return decodeURIComponent(url.pathname.slice(SYNC_PATH.length))
  } catch {
    return null
  }
}

function originAllowed(req: IncomingMessage, trusted: readonly string[]): boolean {
  const origin = req.headers.origin
  // Browsers always send Origin on a WebSocket; a program that omits it cannot be tricked by a page.
  if (origin === undefined) return true
  try {
    const parsed = new URL(origin)
    return parsed.host === req.headers.host || trusted.includes(parsed.origin)
  } catch {
    return false
  }
}

/** Throws ApiError (401, 403, 404) when the upgrade must be refused. */
export function decideSyncAccess(req: IncomingMessage, url: URL, deps: AccessDeps): SyncGrant {
  const notFound = new ApiError(404, 'not_found', 'There is no such live document.')
  const name = docNameOf(url)
  const kind = name === null ? null : parseLiveDocName(name)
  if (name === null || kind === null) throw notFound

  const token = url.searchParams.get('token')
  let headers = req.headers
  if (token !== null) {
    if (!TOKEN.test(token)) throw new ApiError(401, 'invalid_token', 'The token is not valid. Sign in again.')
    headers = { authorization: `Bearer ${token}` }
  } else if (
    req.headers.authorization === undefined &&
    parseCookies(req.headers.cookie).has(SESSION_COOKIE) &&
    !originAllowed(req, deps.trustedOrigins())
  ) {
    throw new ApiError(
      403,
      'forbidden_origin',
      'Live sync with the session cookie only works from this site.',
    )
  }
  const caller = deps.auth.authenticate('GET', headers)

  if (kind.kind === 'reel') {
    const status = deps.reelStatus(kind.reelId)
    if (status === 'removed') throw new ApiError(410, 'gone', 'This reel was removed.')
    if (status !== 'published') throw notFound
    return { name, kind, writable: false }
  }
  if (!caller) throw new ApiError(401, 'unauthorized', 'Sign in first.')
  if (caller.user.username !== kind.username) {
    throw new ApiError(403, 'forbidden', 'This live document belongs to another account.')
  }
  return { name, kind, writable: kind.kind === 'draft' }
}
