// The studio's account on its server (who is signed in, and whether that server answers), loaded
// when the core is reachable and kept live through `account.changed`.
import { useEffect, useState } from 'react'
import type { Account } from '../../../shared/rpc/contract'
import { useConnection, useStudio } from '../rpc/studio-context'

export function useAccount(): Account | null {
  const client = useStudio()
  const { state } = useConnection()
  const [account, setAccount] = useState<Account | null>(null)

  useEffect(() => client.on('account.changed', setAccount), [client])

  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    client.call('account.get', {}).then(
      (loaded) => current && setAccount(loaded),
      // Shown as "not signed in" until the next reconnect; the rail already says the core is away.
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [client, state])

  return account
}

/** "spool.example.com" or "127.0.0.1:8080": what people recognise of a server address. */
export function serverHost(serverUrl: string): string {
  try {
    return new URL(serverUrl).host
  } catch {
    return serverUrl
  }
}
