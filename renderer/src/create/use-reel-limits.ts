// The server's duration and caption limits for the editor, from the core (draft.limits); the
// documented defaults until they arrive or when the server cannot be asked.
import { useEffect, useState } from 'react'
import type { ReelLimits } from '../../../shared/rpc/contract'
import { useStudio } from '../rpc/studio-context'

export const FALLBACK_LIMITS: ReelLimits = {
  minDurationMs: 1_000,
  maxDurationMs: 90_000,
  maxCaptionLength: 2_200,
  source: 'default',
}

export function useReelLimits(): ReelLimits {
  const client = useStudio()
  const [limits, setLimits] = useState(FALLBACK_LIMITS)
  useEffect(() => {
    let current = true
    client.call('draft.limits', {}).then(
      (next) => current && setLimits(next),
      () => {},
    )
    return () => {
      current = false
    }
  }, [client])
  return limits
}
