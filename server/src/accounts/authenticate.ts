// Who is asking: a Bearer token (studio, scripts, tus) or the web app's session cookie. Writes
// made with the cookie must echo the session's CSRF token in a header, which a page on another
// site cannot read — the cookie alone (sent by the browser to any request) proves nothing.
import type { IncomingHttpHeaders } from 'node:http'
import { ApiError } from '../http/api-error'
import { parseCookies } from '../http/cookies'
import type { AccountStore, StoredUser } from './account-store'
import type { Session, SessionStore } from './sessions'
import type { Role } from '../../../shared/accounts'

export const SESSION_COOKIE = 'spool_session'
export const CSRF_HEADER = 'x-csrf-token'

export interface Auth {
  user: StoredUser
  session: Session
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function createAuthenticator(accounts: AccountStore, sessions: SessionStore) {
  /** The caller, or null when no credentials came; a wrong or expired token is an error. */
  function authenticate(method: string, headers: IncomingHttpHeaders): Auth | null {
    const authorization = headers.authorization
    let token: string | undefined
    let viaCookie = false
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization)
      if (!match)
        throw new ApiError(401, 'invalid_token', 'The Authorization header must be "Bearer <token>".')
      token = match[1]
    } else {
      token = parseCookies(headers.cookie).get(SESSION_COOKIE)
      viaCookie = token !== undefined
    }
    if (token === undefined) return null
    const session = sessions.resolve(token)
    const user = session && accounts.findById(session.userId)
    if (!session || !user) {
      throw new ApiError(
        401,
        'invalid_token',
        'Your session has ended or the token is not valid. Sign in again.',
      )
    }
    if (viaCookie && !SAFE_METHODS.has(method.toUpperCase())) {
      const sent = headers[CSRF_HEADER]
      if (typeof sent !== 'string' || sent !== session.csrfToken) {
        throw new ApiError(
          403,
          'csrf_failed',
          'This request is missing its CSRF token. Reload the page and try again.',
        )
      }
    }
    return { user, session }
  }

  function requireUser(method: string, headers: IncomingHttpHeaders): Auth {
    const auth = authenticate(method, headers)
    if (!auth) throw new ApiError(401, 'unauthorized', 'Sign in first.')
    return auth
  }

  function requireRole(method: string, headers: IncomingHttpHeaders, role: Role): Auth {
    const auth = requireUser(method, headers)
    if (!auth.user.roles.includes(role)) throw new ApiError(403, 'forbidden', `Only ${role}s can do this.`)
    return auth
  }

  return { authenticate, requireUser, requireRole }
}

export type Authenticator = ReturnType<typeof createAuthenticator>
