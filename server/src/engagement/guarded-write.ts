// The one door every engagement write goes through, in this order: who is asking (401 when a
// user is required), the rate limits per user and per address (429 rate_limited + Retry-After),
// the Idempotency-Key replay (API.md), then the handler, whose 2xx answer is remembered for the
// key. Errors are not remembered: they had no effect, so a retry may simply run again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Auth, Authenticator } from '../accounts/authenticate'
import { ApiError } from '../http/api-error'
import { idempotencyKeyOf, requestFingerprint, type IdempotencyStore } from './idempotency'
import type { SlidingWindowLimiter } from './rate-limiter'

/** 429 rate_limited; the door adds the Retry-After header. Handlers throw it for their own limits. */
export class RateLimitedError extends ApiError {
  readonly seconds: number
  constructor(waitMs: number) {
    const seconds = Math.ceil(waitMs / 1000)
    super(429, 'rate_limited', `Too many actions in a short time. Try again in ${seconds} s.`)
    this.seconds = seconds
  }
}

export interface WriteAnswer {
  status: number
  body: unknown
}

export interface GuardDeps {
  auth: Authenticator
  idempotency: IdempotencyStore
  limiters: { perUser: SlidingWindowLimiter; perAddress: SlidingWindowLimiter }
}

type Method = 'POST' | 'PUT' | 'DELETE'
type Params = Record<string, string>

export function createGuardedWrites(app: FastifyInstance, deps: GuardDeps) {
  /** Milliseconds until this caller may write again (0: go ahead). */
  function rateLimitWait(request: FastifyRequest, caller: Auth | null): number {
    // Per address (more generous: people share addresses) and per user. A request the user limit
    // refuses has still used the address's share, which is fine: it reached us.
    return Math.max(
      deps.limiters.perAddress.take([`addr:${request.ip}`]),
      caller ? deps.limiters.perUser.take([`user:${caller.user.id}`]) : 0,
    )
  }

  function register<P extends Params>(
    method: Method,
    url: string,
    who: 'required' | 'optional',
    handle: (request: FastifyRequest<{ Params: P }>, caller: Auth | null) => WriteAnswer,
  ): void {
    app.route<{ Params: P }>({
      method,
      url,
      handler: async (request, reply) => {
        const caller =
          who === 'required'
            ? deps.auth.requireUser(request.method, request.headers)
            : deps.auth.authenticate(request.method, request.headers)
        reply.header('cache-control', 'no-store')
        try {
          const wait = rateLimitWait(request, caller)
          if (wait > 0) throw new RateLimitedError(wait)
          return replyTo(request, reply, caller)
        } catch (error) {
          if (error instanceof RateLimitedError) reply.header('retry-after', String(error.seconds))
          throw error
        }
      },
    })

    // The Idempotency-Key replay, then the handler (whose 2xx answer is remembered for the key).
    function replyTo(request: FastifyRequest<{ Params: P }>, reply: FastifyReply, caller: Auth | null) {
      const key = idempotencyKeyOf(request.headers['idempotency-key'])
      const scope = caller ? `user:${caller.user.id}` : `addr:${request.ip}`
      const fingerprint = requestFingerprint(method, request.url, request.body)
      const stored = key === undefined ? undefined : deps.idempotency.replay(scope, key, fingerprint)
      if (stored) {
        reply.header('idempotent-replayed', 'true')
        return reply.code(stored.status).send(stored.body)
      }
      const answer = handle(request, caller)
      if (key !== undefined && answer.status >= 200 && answer.status < 300) {
        deps.idempotency.remember(scope, key, fingerprint, answer)
      }
      return reply.code(answer.status).send(answer.body)
    }
  }

  return {
    /** A write only signed-in users may make. */
    signedIn<P extends Params>(
      method: Method,
      url: string,
      handle: (request: FastifyRequest<{ Params: P }>, caller: Auth) => WriteAnswer,
    ): void {
      register<P>(method, url, 'required', (request, caller) => handle(request, caller as Auth))
    },
    /** A write anyone may make (views): the handler decides what an anonymous caller must send. */
    anyone<P extends Params>(
      method: Method,
      url: string,
      handle: (request: FastifyRequest<{ Params: P }>, caller: Auth | null) => WriteAnswer,
    ): void {
      register<P>(method, url, 'optional', handle)
    },
  }
}

export type GuardedWrite = ReturnType<typeof createGuardedWrites>
