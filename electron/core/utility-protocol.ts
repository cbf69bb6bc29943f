// Messages between Electron main and the core running in a utilityProcess. Main assigns request
// ids; the core answers with the same envelopes the WebSocket bridge uses. The core also asks main
// to seal and open the account token with safeStorage (`vault` messages, ids chosen by the core).
import type { RpcRequest, RpcServerMessage } from '../../shared/rpc/envelope'
import type { VaultRequest, VaultResponse } from './account/token-vault'

export type { VaultRequest, VaultResponse } from './account/token-vault'

export interface UtilityInit {
  type: 'init'
  dataDir: string
  migrationsDir: string
  version: string
  /** safe-storage when main can encrypt (safeStorage.isEncryptionAvailable()), else plaintext. */
  tokenVault: 'safe-storage' | 'plaintext'
}

/** Main → core: one init message first, then request envelopes and answers to vault requests. */
export type UtilityInbound = UtilityInit | RpcRequest | VaultResponse

/** Core → main: responses and events, plus `ready` / `fatal` once after init. */
export type UtilityOutbound =
  RpcServerMessage | VaultRequest | { type: 'ready' } | { type: 'fatal'; message: string }
