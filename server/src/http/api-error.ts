// The one error shape of the API (API.md): { "error": { "code": "snake_case", "message": "…" } }.
// Route handlers throw ApiError; the fastify error handler and the raw handlers both answer with
// errorBody(), so every client sees the same thing whichever path served the request.
import type { ServerResponse } from 'node:http'

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } }
}

/** For raw node:http handlers, which answer without fastify. */
export function sendJsonError(res: ServerResponse, statusCode: number, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message))
  res.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

const codeByStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
}

export function codeForStatus(statusCode: number): string {
  return codeByStatus[statusCode] ?? (statusCode >= 500 ? 'internal_error' : 'bad_request')
}
