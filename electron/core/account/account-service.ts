// The studio's signed-in account (one row in `account`): sign in, sign out, the token for uploads,
// and the connection state the nav rail shows. The token is sealed by the host's TokenVault before
// it touches the disk and opened once per run, then kept in memory.
import type Database from 'better-sqlite3'
import type { Account } from '../../../shared/rpc/contract'
import type { CoreEvents } from '../core-events'
import { serverLogin } from './server-login'
import type { TokenVault } from './token-vault'

interface AccountRow {
  server_url: string
  username: string
  user_id: string
  vault: string
  sealed_token: string
}

export interface Session {
  serverUrl: string
  username: string
  /** The server's id for the account: the same name on a reset server is another account. */
  userId: string
  token: string
}

export type Connection = 'online' | 'offline' | 'syncing'

export interface AccountServiceOptions {
  db: Database.Database
  events: CoreEvents
  vault: TokenVault
  /** The server address from the settings, used when signed out or when login names none. */
  defaultServerUrl: () => string
  log?: { warn(obj: unknown, msg?: string): void }
}

export function createAccountService(options: AccountServiceOptions) {
  const { db, events, vault, log = console } = options
  const select = db.prepare<[], AccountRow>('SELECT * FROM account WHERE id = 1')
  const upsert = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO account (id, server_url, username, user_id, vault, sealed_token, signed_in_at)
     VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, username = excluded.username,
       user_id = excluded.user_id, vault = excluded.vault, sealed_token = excluded.sealed_token,
       signed_in_at = excluded.signed_in_at`,
  )
  const remove = db.prepare('DELETE FROM account')
  let token: string | null = null
  let connection: Connection = 'online'
  const sessionListeners = new Set<() => void>()

  function describe(): Account {
    const row = select.get()
    if (!row) {
      return {
        serverUrl: options.defaultServerUrl(),
        username: null,
        connection: 'signed-out',
        tokenStorage: null,
      }
    }
    return {
      serverUrl: row.server_url,
      username: row.username,
      connection,
      tokenStorage: row.vault === 'safe-storage' ? 'safe-storage' : 'plaintext',
    }
  }

  function changed(): Account {
    const account = describe()
    events.emit('account.changed', account)
    for (const listener of [...sessionListeners]) listener()
    return account
  }

  return {
    get: describe,

    /** The signed-in session with its token, or null (signed out, or the vault cannot open it). */
    async session(): Promise<Session | null> {
      const row = select.get()
      if (!row) return null
      if (token === null) {
        try {
          token = row.vault === vault.kind ? await vault.open(row.sealed_token) : null
        } catch (error) {
          log.warn({ err: error }, 'could not open the stored token; sign in again')
        }
      }
      return token === null
        ? null
        : { serverUrl: row.server_url, username: row.username, userId: row.user_id, token }
    },

    async login(input: { serverUrl?: string; username: string; password: string }): Promise<Account> {
      const serverUrl = (input.serverUrl ?? options.defaultServerUrl()).replace(/\/+$/, '')
      const result = await serverLogin(serverUrl, input.username, input.password)
      const sealed = await vault.seal(result.token)
      upsert.run(
        serverUrl,
        result.user.username,
        result.user.id,
        vault.kind,
        sealed,
        new Date().toISOString(),
      )
      token = result.token
      connection = 'online'
      return changed()
    },

    /** Forgets the token locally and revokes it on the server when it can (best effort). */
    async logout(): Promise<Account> {
      const session = await this.session().catch(() => null)
      remove.run()
      token = null
      if (session) {
        void fetch(new URL('/api/auth/logout', session.serverUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${session.token}` },
          signal: AbortSignal.timeout(5000),
        }).catch(() => undefined)
      }
      return changed()
    },

    setConnection(next: Connection): void {
      if (next === connection) return
      connection = next
      if (select.get()) events.emit('account.changed', describe())
    },

    /** Called after sign-in and sign-out (the upload queue starts or stops). */
    onSessionChange(listener: () => void): () => void {
      sessionListeners.add(listener)
      return () => sessionListeners.delete(listener)
    },
  }
}

export type AccountService = ReturnType<typeof createAccountService>
