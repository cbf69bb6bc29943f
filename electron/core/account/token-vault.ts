// Where the account's session token is kept at rest. The core never imports `electron`, so it asks
// its host: Electron main seals with safeStorage (OS keychain / DPAPI / libsecret) over the
// utilityProcess port; studio:web and tests keep it plaintext in the SQLite data dir, where only
// the OS user account's file permissions protect it (documented in docs/architecture.md).
export interface TokenVault {
  kind: 'safe-storage' | 'plaintext'
  seal(token: string): Promise<string>
  open(sealed: string): Promise<string>
}

export const plaintextVault: TokenVault = {
  kind: 'plaintext',
  seal: async (token) => token,
  open: async (sealed) => sealed,
}

/** Messages the core sends to Electron main to seal or open a token (see utility-protocol.ts). */
export interface VaultRequest {
  type: 'vault'
  id: number
  op: 'encrypt' | 'decrypt'
  /** The token (encrypt) or base64 ciphertext (decrypt). */
  data: string
}
export interface VaultResponse {
  type: 'vault'
  id: number
  ok: boolean
  data: string
}

/** A vault whose crypto is done by the host (Electron main's safeStorage) over a message port. */
export function hostVault(post: (request: VaultRequest) => void) {
  let nextId = 1
  const waiting = new Map<number, { resolve(data: string): void; reject(error: Error): void }>()
  const ask = (op: VaultRequest['op'], data: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++
      waiting.set(id, { resolve, reject })
      post({ type: 'vault', id, op, data })
    })
  return {
    vault: {
      kind: 'safe-storage',
      seal: (token) => ask('encrypt', token),
      open: (sealed) => ask('decrypt', sealed),
    } satisfies TokenVault as TokenVault,
    /** Called with each vault answer from the host. */
    answer(response: VaultResponse) {
      const pending = waiting.get(response.id)
      if (!pending) return
      waiting.delete(response.id)
      if (response.ok) pending.resolve(response.data)
      else pending.reject(new Error(response.data))
    },
  }
}
