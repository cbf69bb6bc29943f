// The wire format shared by both studio transports (Electron IPC and the local WebSocket bridge).
// Requests carry an id so responses can arrive out of order; events carry no id.
import { z } from 'zod'

export const rpcErrorCodes = [
  'bad_request', // the envelope itself is malformed
  'unknown_method',
  'invalid_params',
  'not_found',
  'conflict',
  'unsupported_media', // an imported file is not a video Spool can read (corrupt, truncated, no video)
  'insufficient_storage', // not enough free disk space for what was asked
  'cancelled', // the person cancelled a long operation
  'package_invalid', // an encoded reel package would be refused by the server's package check
  'unavailable', // the core (or the server it needs) cannot do it right now; retry later
  'disconnected', // the transport lost the core before a response arrived
  'invalid_credentials', // sign-in: the server says the username or password is wrong
  'too_many_attempts', // sign-in: the server throttles failed attempts; the message says how long to wait
  'server_unreachable', // the Spool server did not answer (down, wrong address, offline)
  'login_failed', // sign-in refused for another reason, or the address is not a Spool server
  'sign_in_required', // the action needs the studio signed in to a particular server (e.g. "use this sound")
  'internal',
] as const
export type RpcErrorCode = (typeof rpcErrorCodes)[number]

export const rpcErrorSchema = z.object({
  code: z.enum(rpcErrorCodes),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type RpcErrorPayload = z.infer<typeof rpcErrorSchema>

export const rpcRequestSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(200),
  params: z.unknown(),
})
export type RpcRequest = z.infer<typeof rpcRequestSchema>

export type RpcResponse =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: RpcErrorPayload }

export type RpcEvent = { type: 'event'; name: string; payload: unknown }

export type RpcServerMessage = RpcResponse | RpcEvent

/** An error with a stable code that crosses the RPC boundary intact. */
export class RpcError extends Error {
  readonly code: RpcErrorCode
  readonly issues: RpcErrorPayload['issues']
  constructor(code: RpcErrorCode, message: string, issues?: RpcErrorPayload['issues']) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    this.issues = issues
  }
  toPayload(): RpcErrorPayload {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}

export function zodIssues(error: z.ZodError): NonNullable<RpcErrorPayload['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }))
}

/** What to tell a person about a failed call: the core's message, or whatever the error says. */
export const messageOf = (error: unknown): string =>
  error instanceof RpcError ? error.message : String(error)
