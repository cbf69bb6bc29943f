// Signs in to a Spool server (POST /api/auth/login) with Node's fetch, turning every way it can go
// wrong into a sentence for people: wrong password, too many attempts (with the wait), server not
// reachable, not a Spool server.
import { RpcError } from '../../../shared/rpc/envelope'

export interface LoginResult {
  token: string
  user: { id: string; username: string }
}

const TIMEOUT_MS = 15_000

async function errorOf(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } }
    return body.error ?? {}
  } catch {
    return {}
  }
}

export async function serverLogin(
  serverUrl: string,
  username: string,
  password: string,
): Promise<LoginResult> {
  let response: Response
  try {
    response = await fetch(new URL('/api/auth/login', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch {
    throw new RpcError(
      'server_unreachable',
      `Could not reach the server at ${serverUrl}. Check the address and your connection.`,
    )
  }
  if (response.status === 401) throw new RpcError('invalid_credentials', 'The username or password is wrong.')
  if (response.status === 429) {
    const wait = Number(response.headers.get('retry-after')) || 60
    throw new RpcError('too_many_attempts', `Too many failed sign-ins. Wait ${wait} s before trying again.`)
  }
  if (!response.ok) {
    const error = await errorOf(response)
    throw new RpcError(
      'login_failed',
      error.message ?? `The server refused to sign you in (HTTP ${response.status}).`,
    )
  }
  const body = (await response.json().catch(() => null)) as Partial<LoginResult> | null
  if (!body?.token || !body.user?.id || !body.user.username) {
    throw new RpcError('login_failed', `${serverUrl} answered, but not like a Spool server.`)
  }
  return { token: body.token, user: { id: body.user.id, username: body.user.username } }
}
