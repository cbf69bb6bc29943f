// A studio core in the test's own process and the typed client the renderer would use on it, with
// every event it pushed kept for assertions. Closed by the caller's cleanup.
import { createStudioClient, type StudioClient } from '../../shared/rpc/client'
import { createStudioCore, type StudioCore, type StudioCoreOptions } from '../../electron/core/index'

export interface CoreWithClient {
  core: StudioCore
  client: StudioClient
  events: Array<{ name: string; payload: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function openCoreWithClient(options: StudioCoreOptions): CoreWithClient {
  const core = createStudioCore({ version: '0.0.0', ...options })
  const events: CoreWithClient['events'] = []
  core.onEvent((name, payload) => events.push({ name, payload }))
  let id = 0
  const client = createStudioClient({
    request: (method, params) =>
      core.dispatch({ type: 'request', id: ++id, method, params }, { transport: 'electron' }) as never,
    onEvent: (listener) => core.onEvent(listener),
  })
  return { core, client, events }
}
