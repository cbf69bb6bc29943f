// Messages between Electron main and the core running in a utilityProcess. Main assigns request
// ids; the core answers with the same envelopes the WebSocket bridge uses.
import type { RpcRequest, RpcServerMessage } from '../../shared/rpc/envelope'

export interface UtilityInit {
  type: 'init'
  dataDir: string
  migrationsDir: string
  version: string
}

/** Main → core: one init message first, then request envelopes. */
export type UtilityInbound = UtilityInit | RpcRequest

/** Core → main: responses and events, plus `ready` / `fatal` once after init. */
export type UtilityOutbound = RpcServerMessage | { type: 'ready' } | { type: 'fatal'; message: string }
