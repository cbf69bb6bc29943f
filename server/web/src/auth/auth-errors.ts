// Server answers to sign-up and log-in, in plain words.
import { ApiError, ServerUnreachableError } from '../api/api-client'

function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minutes`
}

export function authErrorMessage(error: unknown): string {
  if (error instanceof ServerUnreachableError) {
    return "Can't reach the Spool server. Check your connection and try again."
  }
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'username_taken':
        return 'That username is taken. Try another one.'
      case 'invalid_credentials':
        return 'Wrong username or password.'
      case 'too_many_attempts':
        return error.retryAfterSeconds
          ? `Too many failed attempts. Try again in ${wait(error.retryAfterSeconds)}.`
          : 'Too many failed attempts. Wait a little, then try again.'
      default:
        return error.message
    }
  }
  return 'Something went wrong. Try again.'
}
