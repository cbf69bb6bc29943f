// For public reads that only add something for a signed-in caller (GET /api/reels/:id's and
// GET /api/users/:username's `viewer`): an expired or unknown session reads as signed out there,
// since the page worked before `viewer` existed and a stale cookie must not break it.
import type { IncomingHttpHeaders } from 'node:http'
import { ApiError } from '../http/api-error'
import type { Auth, Authenticator } from './authenticate'

export function callerIfValid(
  auth: Authenticator,
  method: string,
  headers: IncomingHttpHeaders,
): Auth | null {
  try {
    return auth.authenticate(method, headers)
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 401) return null
    throw error
  }
}
