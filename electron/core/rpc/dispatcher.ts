// Turns raw messages from any transport into validated handler calls. Every request is checked
// against the shared contract before a handler sees it; whatever goes wrong comes back as a typed
// error, never as a crash of the core.
import type { z } from 'zod'
import {
  isMethodName,
  studioMethods,
  type MethodName,
  type MethodResult,
  type StudioMethods,
} from '../../../shared/rpc/contract'
import { RpcError, rpcRequestSchema, zodIssues, type RpcResponse } from '../../../shared/rpc/envelope'

/** What a handler gets besides its params: which transport asked (for logs and app info). */
export interface CallContext {
  transport: 'electron' | 'web-bridge'
}

export type Handler<M extends MethodName> = (
  params: z.output<StudioMethods[M]['params']>,
  context: CallContext,
) => MethodResult<M> | Promise<MethodResult<M>>

/** A domain's handlers: a partial map, joined with the others at start-up. */
export type HandlerMap = { [M in MethodName]?: Handler<M> }
export type Handlers = { [M in MethodName]: Handler<M> }

/**
 * Joins the per-domain handler maps into one. A method handled twice, or not at all, is a
 * programming error and stops start-up with a message naming it.
 */
export function joinHandlers(domains: Record<string, HandlerMap>): Handlers {
  const joined: HandlerMap = {}
  const owner = new Map<string, string>()
  for (const [domain, map] of Object.entries(domains)) {
    for (const name of Object.keys(map)) {
      if (!isMethodName(name))
        throw new Error(`Domain "${domain}" handles "${name}", which is not in the contract`)
      const previous = owner.get(name)
      if (previous) throw new Error(`Method "${name}" is handled by both "${previous}" and "${domain}"`)
      owner.set(name, domain)
      ;(joined as Record<string, unknown>)[name] = map[name]
    }
  }
  const missing = Object.keys(studioMethods).filter((name) => !owner.has(name))
  if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`)
  return joined as Handlers
}

export type Logger = { error(obj: unknown, msg?: string): void }

export function createDispatcher(handlers: Handlers, log: Logger = console) {
  /** Handles one raw request; always resolves, with either a result or a typed error. */
  async function dispatch(raw: unknown, context: CallContext): Promise<RpcResponse> {
    const envelope = rpcRequestSchema.safeParse(raw)
    if (!envelope.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
      return fail(id, new RpcError('bad_request', 'Malformed request', zodIssues(envelope.error)))
    }
    const { id, method, params } = envelope.data
    if (!isMethodName(method)) return fail(id, new RpcError('unknown_method', `Unknown method "${method}"`))
    const spec = studioMethods[method]
    const parsed = spec.params.safeParse(params ?? {})
    if (!parsed.success) {
      return fail(
        id,
        new RpcError('invalid_params', `Invalid parameters for ${method}`, zodIssues(parsed.error)),
      )
    }
    try {
      const handler = handlers[method] as Handler<MethodName>
      const result = await handler(parsed.data as never, context)
      const checked = (spec.result as z.ZodType).safeParse(result)
      if (!checked.success) {
        log.error(
          { method, issues: zodIssues(checked.error) },
          'handler returned a result outside the contract',
        )
        return fail(id, new RpcError('internal', `The studio core produced an invalid result for ${method}`))
      }
      return { type: 'response', id, ok: true, result: checked.data }
    } catch (error) {
      if (error instanceof RpcError) return fail(id, error)
      log.error({ err: error, method }, 'handler failed')
      return fail(id, new RpcError('internal', error instanceof Error ? error.message : String(error)))
    }
  }
  return { dispatch }
}

function fail(id: number, error: RpcError): RpcResponse {
  return { type: 'response', id, ok: false, error: error.toPayload() }
}
