// Accounts on the real server: registration and the first admin, login with throttling, Bearer
// tokens and the web app's cookie session with CSRF protection, revocation, roles by API and CLI.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/process'
import { api, register, startTestServer, type TestServer } from '../support/server'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

function cookieFrom(headers: Headers): string {
  const setCookie = headers.getSetCookie().find((c) => c.startsWith('spool_session='))
  if (!setCookie) throw new Error('no session cookie')
  return setCookie.split(';')[0]!
}

describe('accounts', () => {
  it('makes the first account the admin and every account a creator', async () => {
    const first = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: 'Ada', password: 'first admin pass' },
    })
    expect(first.status).toBe(201)
    expect(first.body.user.username).toBe('ada')
    expect(first.body.user.roles).toEqual(['viewer', 'creator', 'admin'])
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const second = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: 'bob', password: 'second user pass' },
    })
    expect(second.body.user.roles).toEqual(['viewer', 'creator'])
  })

  it('refuses taken names, bad names and weak passwords with clear errors', async () => {
    const taken = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: 'ADA', password: 'whatever password' },
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error.code).toBe('username_taken')
    const badName = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: '<b>x</b>', password: 'long enough pass' },
    })
    expect(badName.status).toBe(400)
    expect(badName.body.error.message).toMatch(/username/)
    const weak = await api(server.url, 'POST', '/api/auth/register', {
      body: { username: 'carol', password: 'short' },
    })
    expect(weak.status).toBe(400)
    expect(weak.body.error.message).toMatch(/password: Use at least 10 characters/)
    const garbage = await fetch(new URL('/api/auth/register', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    })
    expect(garbage.status).toBe(400)
  })

  it('logs in with a Bearer token and an HttpOnly SameSite cookie, and rejects wrong tokens', async () => {
    const login = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: 'bob', password: 'second user pass' },
    })
    expect(login.status).toBe(200)
    const setCookie = login.headers.getSetCookie().join('\n')
    expect(setCookie).toMatch(/spool_session=[^;]+; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly/)
    const me = await api(server.url, 'GET', '/api/auth/me', { token: login.body.token })
    expect(me.status).toBe(200)
    expect(me.body.user.username).toBe('bob')
    const wrong = await api(server.url, 'GET', '/api/auth/me', { token: 'x'.repeat(43) })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('invalid_token')
    const malformed = await api(server.url, 'GET', '/api/auth/me', {
      headers: { authorization: 'Basic Ym9iOnB3' },
    })
    expect(malformed.status).toBe(401)
    const anonymous = await api(server.url, 'GET', '/api/auth/me')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('unauthorized')
  })

  it('requires the CSRF token for writes made with the cookie', async () => {
    const login = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: 'bob', password: 'second user pass' },
    })
    const cookie = cookieFrom(login.headers)
    const me = await api(server.url, 'GET', '/api/auth/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(me.body.csrfToken).toBe(login.body.csrfToken)
    const forged = await api(server.url, 'POST', '/api/auth/logout', { headers: { cookie } })
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('csrf_failed')
    const wrongToken = await api(server.url, 'POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': 'nope' },
    })
    expect(wrongToken.status).toBe(403)
    const logout = await api(server.url, 'POST', '/api/auth/logout', {
      headers: { cookie, 'x-csrf-token': login.body.csrfToken },
    })
    expect(logout.status).toBe(204)
    expect((await api(server.url, 'GET', '/api/auth/me', { headers: { cookie } })).status).toBe(401)
  })

  it('revokes a token on logout and every other session on a password change', async () => {
    await register(server.url, 'dana', 'dana password 1')
    const a = (
      await api(server.url, 'POST', '/api/auth/login', {
        body: { username: 'dana', password: 'dana password 1' },
      })
    ).body.token
    const b = (
      await api(server.url, 'POST', '/api/auth/login', {
        body: { username: 'dana', password: 'dana password 1' },
      })
    ).body.token
    const change = await api(server.url, 'POST', '/api/auth/password', {
      token: a,
      body: { currentPassword: 'dana password 1', newPassword: 'dana password 2' },
    })
    expect(change.status).toBe(200)
    expect((await api(server.url, 'GET', '/api/auth/me', { token: a })).status).toBe(200)
    expect((await api(server.url, 'GET', '/api/auth/me', { token: b })).status).toBe(401)
    expect(
      (
        await api(server.url, 'POST', '/api/auth/login', {
          body: { username: 'dana', password: 'dana password 1' },
        })
      ).status,
    ).toBe(401)
    expect((await api(server.url, 'POST', '/api/auth/logout', { token: a })).status).toBe(204)
    expect((await api(server.url, 'GET', '/api/auth/me', { token: a })).status).toBe(401)
  })

  it('throttles repeated failed logins for an account', async () => {
    await register(server.url, 'erin', 'erin password 1')
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await api(server.url, 'POST', '/api/auth/login', {
            body: { username: 'erin', password: 'wrong password' },
          })
        ).status,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401])
    const locked = await api(server.url, 'POST', '/api/auth/login', {
      body: { username: 'erin', password: 'erin password 1' },
    })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('too_many_attempts')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('lets only an admin grant roles, by API and by the CLI', async () => {
    const admin = (
      await api(server.url, 'POST', '/api/auth/login', {
        body: { username: 'ada', password: 'first admin pass' },
      })
    ).body.token
    const bob = await register(server.url, 'frank', 'frank password')
    const denied = await api(server.url, 'PUT', '/api/admin/users/dana/roles', {
      token: bob,
      body: { roles: ['moderator'] },
    })
    expect(denied.status).toBe(403)
    const granted = await api(server.url, 'PUT', '/api/admin/users/frank/roles', {
      token: admin,
      body: { roles: ['moderator'] },
    })
    expect(granted.status).toBe(200)
    expect((await api(server.url, 'GET', '/api/auth/me', { token: bob })).body.user.roles).toContain(
      'moderator',
    )
    expect(
      (await api(server.url, 'PUT', '/api/admin/users/nobody/roles', { token: admin, body: { roles: [] } }))
        .status,
    ).toBe(404)
    expect(
      (
        await api(server.url, 'PUT', '/api/admin/users/frank/roles', {
          token: admin,
          body: { roles: ['king'] },
        })
      ).status,
    ).toBe(400)
    expect(
      (await api(server.url, 'PUT', '/api/admin/users/ada/roles', { token: admin, body: { roles: [] } })).body
        .error.code,
    ).toBe('last_admin')

    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'roles', 'dana', 'moderator,admin', '--data-dir', server.dataDir],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    )
    expect(cli.stderr).toBe('')
    expect(cli.stdout.trim()).toBe('dana: viewer, creator, admin, moderator')
    const dana = (
      await api(server.url, 'POST', '/api/auth/login', {
        body: { username: 'dana', password: 'dana password 2' },
      })
    ).body.token
    expect((await api(server.url, 'GET', '/api/admin/users', { token: dana })).status).toBe(200)
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'roles', 'dana', 'emperor', '--data-dir', server.dataDir],
      { cwd: repoRoot, encoding: 'utf8' },
    )
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/Unknown role "emperor"/)
  })
})
