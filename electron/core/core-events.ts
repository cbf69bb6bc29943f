// The core's event bus: domains emit contract events, transports subscribe and push them on.
// Events are typed by the shared contract so a domain cannot emit a payload the renderer won't expect.
import type { EventName, EventPayload } from '../../shared/rpc/contract'

export type CoreEventListener = (name: EventName, payload: unknown) => void

export interface CoreEvents {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  subscribe(listener: CoreEventListener): () => void
}

export function createCoreEvents(log: { error(obj: unknown, msg?: string): void } = console): CoreEvents {
  const listeners = new Set<CoreEventListener>()
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        // One broken transport must not stop the others from hearing the event.
        try {
          listener(name, payload)
        } catch (error) {
          log.error({ err: error, event: name }, 'event listener failed')
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
