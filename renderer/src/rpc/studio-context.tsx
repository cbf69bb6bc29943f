// Gives every component the one typed StudioClient and the connection state of its transport.
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react'
import { createStudioClient, type StudioClient } from '../../../shared/rpc/client'
import type { ConnectionState, LiveTransport } from './live-transport'

interface StudioContextValue {
  client: StudioClient
  transport: LiveTransport
}

const StudioContext = createContext<StudioContextValue | null>(null)

export function StudioProvider({ transport, children }: { transport: LiveTransport; children: ReactNode }) {
  const value = useMemo(() => ({ client: createStudioClient(transport), transport }), [transport])
  return <StudioContext.Provider value={value}>{children}</StudioContext.Provider>
}

function useStudioContext(): StudioContextValue {
  const value = useContext(StudioContext)
  if (!value) throw new Error('useStudio must be used inside <StudioProvider>')
  return value
}

export function useStudio(): StudioClient {
  return useStudioContext().client
}

export function useConnection(): { state: ConnectionState; kind: LiveTransport['kind'] } {
  const { transport } = useStudioContext()
  const state = useSyncExternalStore(transport.onStateChange, transport.state)
  return { state, kind: transport.kind }
}
