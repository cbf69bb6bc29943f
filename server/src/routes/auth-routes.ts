// Accounts over HTTP: register, login, logout, who am I, change password, and the admin's role
// grants. Login is throttled per account and per client address.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { credentialsSchema, passwordSchema, roleSchema, usernameSchema } from '../../../shared/accounts'
import { publicUser, UsernameTakenError, type AccountStore, type StoredUser } from '../accounts/account-store'
import { SESSION_COOKIE, type Authenticator } from '../accounts/authenticate'
import type { LoginThrottle } from '../accounts/login-throttle'
import { decoyHash, hashPassword, verifyPassword } from '../accounts/password'
import type { SessionStore } from '../accounts/sessions'
import { ApiError } from '../http/api-error'
import { formatCookie } from '../http/cookies'

export interface AuthRouteDeps {
  accounts: AccountStore
  sessions: SessionStore
  auth: Authenticator
  /** Failed logins per account, and (more leniently: many people share an address) per address. */
  throttles: { account: LoginThrottle; address: LoginThrottle }
  secureCookies: () => boolean
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) {
    const first = result.error.issues[0]
    const field = first?.path.join('.') || 'request'
    throw new ApiError(400, 'bad_request', `${field}: ${first?.message ?? 'invalid'}`)
  }
  return result.data
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { accounts, sessions, auth, throttles } = deps

  /** A Bearer token for API clients, and a cookie session for the web app. */
  function signIn(reply: FastifyReply, user: StoredUser) {
    const bearer = sessions.create(user.id, 'bearer')
    const cookie = sessions.create(user.id, 'cookie')
    const maxAgeSeconds = Math.floor((cookie.session.expiresAt - Date.now()) / 1000)
    reply.header(
      'set-cookie',
      formatCookie(SESSION_COOKIE, cookie.token, {
        maxAgeSeconds,
        httpOnly: true,
        secure: deps.secureCookies(),
      }),
    )
    reply.header('cache-control', 'no-store')
    return { user: publicUser(user), token: bearer.token, csrfToken: cookie.session.csrfToken }
  }

  app.post('/api/auth/register', async (request, reply) => {
    const { username, password } = parse(credentialsSchema, request.body)
    const passwordHash = await hashPassword(password)
    try {
      const user = accounts.create(username, passwordHash)
      request.log.info({ userId: user.id, username, roles: user.roles }, 'account registered')
      return reply.code(201).send(signIn(reply, user))
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new ApiError(409, 'username_taken', error.message)
      throw error
    }
  })

  app.post('/api/auth/login', async (request, reply) => {
    // Only the shape is checked here: a password that breaks today's rules may predate them.
    const body = parse(
      z.object({ username: z.string().trim().toLowerCase().max(100), password: z.string().max(1024) }),
      request.body,
    )
    const account = [body.username]
    const address = [request.ip]
    const wait = Math.max(throttles.account.retryAfter(account), throttles.address.retryAfter(address))
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000))
      throw new ApiError(
        429,
        'too_many_attempts',
        `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} s.`,
      )
    }
    const user = accounts.findByUsername(body.username)
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash))
    if (!user || !ok) {
      throttles.account.recordFailure(account)
      throttles.address.recordFailure(address)
      throw new ApiError(401, 'invalid_credentials', 'The username or password is wrong.')
    }
    // The address keeps its count: signing in to one's own account must not reset guessing at others.
    throttles.account.recordSuccess(account)
    return signIn(reply, user)
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const current = auth.authenticate(request.method, request.headers)
    if (current) sessions.revoke(current.session.tokenHash)
    reply.header(
      'set-cookie',
      formatCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, httpOnly: true, secure: deps.secureCookies() }),
    )
    return reply.code(204).send()
  })

  app.get('/api/auth/me', async (request, reply) => {
    const { user, session } = auth.requireUser(request.method, request.headers)
    reply.header('cache-control', 'no-store')
    return { user: publicUser(user), csrfToken: session.csrfToken }
  })

  app.post('/api/auth/password', async (request: FastifyRequest) => {
    const { user, session } = auth.requireUser(request.method, request.headers)
    const body = parse(
      z.object({ currentPassword: z.string().max(1024), newPassword: passwordSchema }),
      request.body,
    )
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new ApiError(403, 'invalid_credentials', 'The current password is wrong.')
    }
    accounts.setPasswordHash(user.id, await hashPassword(body.newPassword))
    sessions.revokeOthers(user.id, session.tokenHash)
    return { user: publicUser(user) }
  })

  app.get('/api/admin/users', async (request) => {
    auth.requireRole(request.method, request.headers, 'admin')
    return { users: accounts.list().map(publicUser) }
  })

  app.put('/api/admin/users/:username/roles', async (request) => {
    const admin = auth.requireRole(request.method, request.headers, 'admin')
    const { username } = parse(z.object({ username: usernameSchema }), request.params)
    const { roles } = parse(z.object({ roles: z.array(roleSchema).max(4) }), request.body)
    const target = accounts.findByUsername(username)
    if (!target) throw new ApiError(404, 'user_not_found', `No account named "${username}".`)
    if (target.id === admin.user.id && !roles.includes('admin')) {
      throw new ApiError(409, 'last_admin', 'You cannot remove your own admin role; ask another admin.')
    }
    const updated = accounts.setRoles(target.id, roles, admin.user.id, 'api')!
    request.log.info({ target: username, roles: updated.roles, by: admin.user.username }, 'roles changed')
    return { user: publicUser(updated) }
  })
}
