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

/**
 * One encoded package file from the renderer (the desktop twin of the bridge's PUT route). Main
 * gives it an id like a request's; the core answers with a response envelope of that id.
 */
export interface PackageFileMessage {
  type: 'package-file'
  id: number
  reelId: string
  jobId: string
  path: string
  bytes: Uint8Array
}

/** Main → core: one init message first, then requests, package files and answers to vault requests. */
export type UtilityInbound = UtilityInit | RpcRequest | PackageFileMessage | VaultResponse

/** Core → main: responses and events, plus `ready` / `fatal` once after init. */
export type UtilityOutbound =
  RpcServerMessage | VaultRequest | { type: 'ready' } | { type: 'fatal'; message: string }
