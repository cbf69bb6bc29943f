// Turns the core's typed errors into words a creator understands, next to the field they concern.
import type { Settings } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'

const invalidValue: Partial<Record<keyof Settings, string>> = {
  serverUrl:
    'That is not a server address Spool can use. Enter a full address starting with http:// or https://, for example http://127.0.0.1:8080.',
  uploadConcurrency: 'Choose a whole number from 1 to 8.',
}

export function describeSaveError(field: keyof Settings, error: unknown): string {
  if (!(error instanceof RpcError)) return 'Not saved: something unexpected went wrong. Try again.'
  switch (error.code) {
    case 'invalid_params':
      return invalidValue[field] ?? error.issues?.[0]?.message ?? error.message
    case 'disconnected':
    case 'unavailable':
      return 'Not saved: the studio core is not reachable right now. Try again in a moment.'
    default:
      return `Not saved: ${error.message}`
  }
}
