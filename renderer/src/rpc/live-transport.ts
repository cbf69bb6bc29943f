// A StudioTransport that also says whether the core is reachable, so the shell can show it.
import type { StudioTransport } from '../../../shared/rpc/client'

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'no-token'

export interface LiveTransport extends StudioTransport {
  readonly kind: 'electron' | 'web-bridge'
  state(): ConnectionState
  onStateChange(listener: () => void): () => void
}
