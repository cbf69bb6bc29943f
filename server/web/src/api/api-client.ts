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
  ) {
    super(message)
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message)
  }
  return new ApiError(status, 'unexpected_response', `The server answered ${status}.`)
}

export async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ServerUnreachableError('The Spool server could not be reached.')
  }
  // A proxy in front of a stopped server answers 502/504 with an HTML page.
  if (response.status === 502 || response.status === 504) {
    throw new ServerUnreachableError('The Spool server could not be reached.')
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) throw errorFrom(response.status, body)
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    throw new ApiError(response.status, 'unexpected_response', 'The server sent something unexpected.')
  return parsed.data
}
