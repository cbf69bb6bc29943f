// Makes fastify answer every error and every unknown route in the API's one error shape.
import type { FastifyError, FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ApiError, codeForStatus, errorBody } from './api-error'

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`))
  })

  app.setErrorHandler((error: FastifyError | ApiError | z.ZodError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(errorBody(error.code, error.message))
    }
    if (error instanceof z.ZodError) {
      return reply.code(400).send(errorBody('bad_request', z.prettifyError(error)))
    }
    const statusCode =
      typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500
    if (statusCode >= 500) {
      request.log.error({ err: error }, 'request failed')
      return reply.code(statusCode).send(errorBody('internal_error', 'Something went wrong on the server.'))
    }
    // fastify's own 4xx (bad JSON, schema validation, body too large) carry a useful message.
    return reply.code(statusCode).send(errorBody(codeForStatus(statusCode), error.message))
  })
}
