// Saves one setting at a time and remembers, per field, the last error or a brief "Saved".
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Settings } from '../../../shared/rpc/contract'
import { useSettings } from '../rpc/use-settings'
import { describeSaveError } from './save-errors'

export type Field = keyof Settings
export type FieldStatus = { kind: 'error'; message: string } | { kind: 'saved' } | null

const SAVED_VISIBLE_MS = 2000

export function useSettingSaver() {
  const { update } = useSettings()
  const [status, setStatus] = useState<Partial<Record<Field, FieldStatus>>>({})
  const timers = useRef(new Map<Field, ReturnType<typeof setTimeout>>())

  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach((timer) => clearTimeout(timer))
  }, [])

  const save = useCallback(
    async <F extends Field>(field: F, value: Settings[F]): Promise<boolean> => {
      clearTimeout(timers.current.get(field))
      try {
        await update({ [field]: value })
        setStatus((all) => ({ ...all, [field]: { kind: 'saved' } }))
        timers.current.set(
          field,
          setTimeout(() => setStatus((all) => ({ ...all, [field]: null })), SAVED_VISIBLE_MS),
        )
        return true
      } catch (error) {
        setStatus((all) => ({ ...all, [field]: { kind: 'error', message: describeSaveError(field, error) } }))
        return false
      }
    },
    [update],
  )

  return { status, save }
}
