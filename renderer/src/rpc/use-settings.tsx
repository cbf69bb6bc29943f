// The studio's settings, loaded once per connection and kept live through `settings.changed`
// (another window or tab may change them too). One provider, so the theme and the Settings screen
// always agree.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Settings } from '../../../shared/rpc/contract'
import { messageOf } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from './studio-context'

interface SettingsValue {
  settings: Settings | null
  loadError: string | null
  /** Saves a partial change; rejects with the core's RpcError (e.g. invalid_params). */
  update(changes: Partial<Settings>): Promise<Settings>
}

const SettingsContext = createContext<SettingsValue | null>(null)

export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useStudio()
  const { state } = useConnection()
  const [settings, setSettings] = useState<Settings | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  useEffect(() => client.on('settings.changed', setSettings), [client])

  // (Re)load whenever the core becomes reachable: changes made while we were away are not replayed.
  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    client.call('settings.get', {}).then(
      (loaded) => {
        if (!current) return
        setSettings(loaded)
        setLoadError(null)
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    )
    return () => {
      current = false
    }
  }, [client, state])

  const update = useCallback(
    async (changes: Partial<Settings>) => {
      const next = await client.call('settings.set', changes)
      setSettings(next)
      return next
    },
    [client],
  )

  const value = useMemo(() => ({ settings, loadError, update }), [settings, loadError, update])
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext)
  if (!value) throw new Error('useSettings must be used inside <SettingsProvider>')
  return value
}
