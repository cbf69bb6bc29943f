// Failed engagement requests, in plain words.
import { ApiError, ServerUnreachableError } from '../api/api-client'

export function engagementErrorMessage(error: unknown): string {
  if (error instanceof ServerUnreachableError) {
    return "Can't reach the Spool server. Check your connection and try again."
  }
  if (error instanceof ApiError) {
    switch (error.status) {
      case 401:
        return 'Your session ended. Log in again, then try again.'
      case 404:
        return 'This is no longer available.'
      default:
        return error.message
    }
  }
  return 'Something went wrong. Try again.'
}
