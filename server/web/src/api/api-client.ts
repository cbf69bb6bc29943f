// Fetches JSON from the Spool server and turns every failure into one of two errors the pages
// can explain: the server could not be reached, or it answered with an API error.
import type { z } from 'zod'

export class ServerUnreachableError extends Error {
  override name = 'ServerUnreachableError'
}

export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, when the server said how long to wait (e.g. too many sign-in attempts). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message)
  }
}

function errorFrom(status: number, body: unknown, headers?: Headers): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  const retryAfter = Number(headers?.get('retry-after') ?? Number.NaN)
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message, Number.isFinite(retryAfter) ? retryAfter : null)
  }
  return new ApiError(status, 'unexpected_response', `The server answered ${status}.`)
}

export async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(path, schema, { signal })
}

/**
 * A write. The session cookie goes along by itself; the CSRF token (kept in memory, never in a
 * cookie a script could read) proves the request comes from this page.
 */
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  schema: z.ZodType<T>,
  options: {
    body?: unknown
    csrfToken?: string | null
    /** Makes a retry of this write safe: the server answers a repeated key without a second effect. */
    idempotencyKey?: string
    /** Lets the request finish after the page is gone (a view reported as the tab closes). */
    keepalive?: boolean
  } = {},
): Promise<T> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
  return requestJson(path, schema, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    keepalive: options.keepalive,
  })
}

async function requestJson<T>(path: string, schema: z.ZodType<T>, init: RequestInit): Promise<T> {
  const signal = init.signal
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
      credentials: 'same-origin',
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ServerUnreachableError('The Spool server could not be reached.')
  }
  // A proxy in front of a stopped server answers 502/504 with an HTML page.
  if (response.status === 502 || response.status === 504) {
    throw new ServerUnreachableError('The Spool server could not be reached.')
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null)
  if (!response.ok) throw errorFrom(response.status, body, response.headers)
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ApiError(response.status, 'unexpected_response', 'The server sent something unexpected.')
  return parsed.data
}
