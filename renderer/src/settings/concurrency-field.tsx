// Parallel uploads, 1–8: a number field with − and + buttons. Typed values go to the core as they
// are, so an out-of-range number gets the core's verdict next to the field.
import { Minus, Plus } from 'lucide-react'
import { useState } from 'react'
import type { FieldStatus } from './use-setting-saver'

const MIN = 1
const MAX = 8

export function ConcurrencyField(props: {
  id: string
  value: number
  status: FieldStatus | undefined
  onSave(value: number): Promise<boolean>
}) {
  const { id, value, status, onSave } = props
  const [draft, setDraft] = useState<string | null>(null)

  async function commit(next: number) {
    if (await onSave(next)) setDraft(null)
  }

  return (
    <div className="stepper">
      <button
        type="button"
        className="icon-button"
        aria-label="Fewer parallel uploads"
        disabled={value <= MIN}
        onClick={() => void commit(value - 1)}
      >
        <Minus size={16} aria-hidden="true" />
      </button>
      <input
        id={`${id}-input`}
        className="text-input number-input"
        type="number"
        min={MIN}
        max={MAX}
        step={1}
        value={draft ?? String(value)}
        onChange={(event) => {
          setDraft(event.target.value)
          if (event.target.value.trim() !== '') void commit(Number(event.target.value))
        }}
        onBlur={() => {
          if (draft?.trim() === '') setDraft(null)
        }}
        aria-invalid={status?.kind === 'error' ? true : undefined}
        aria-describedby={`${id}-description ${id}-status`}
      />
      <button
        type="button"
        className="icon-button"
        aria-label="More parallel uploads"
        disabled={value >= MAX}
        onClick={() => void commit(value + 1)}
      >
        <Plus size={16} aria-hidden="true" />
      </button>
    </div>
  )
}
