// One generic, typed studio client. The renderer builds it over whichever transport it has
// (Electron IPC through window.spool, or the local WebSocket bridge); callers never see which.
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from './contract'
import { RpcError, type RpcErrorPayload } from './envelope'

export type RawResult = { ok: true; result: unknown } | { ok: false; error: RpcErrorPayload }

/** What a transport must provide: send one request, and deliver pushed events. */
export interface StudioTransport {
  request(method: string, params: unknown): Promise<RawResult>
  onEvent(listener: (name: string, payload: unknown) => void): () => void
}

export interface StudioClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export function createStudioClient(transport: StudioTransport): StudioClient {
  return {
    async call(method, params) {
      const response = await transport.request(method, params)
      if (!response.ok) throw new RpcError(response.error.code, response.error.message, response.error.issues)
      // The core validated the result against the contract before sending it.
      return response.result as never
    },
    on(event, listener) {
      return transport.onEvent((name, payload) => {
        if (name === event) listener(payload as never)
      })
    },
  }
}
