// The server address: edited as a draft, saved with Enter or the Save button (not per keystroke,
// which would flash errors while someone is still typing). The core validates it.
import { useState, type FormEvent } from 'react'
import type { FieldStatus } from './use-setting-saver'

export function ServerUrlField(props: {
  id: string
  value: string
  status: FieldStatus | undefined
  onSave(value: string): Promise<boolean>
}) {
  const { id, value, status, onSave } = props
  // null = showing the saved value; a string = what the person is typing.
  const [draft, setDraft] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const shown = draft ?? value
  const dirty = draft !== null && draft.trim() !== value

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!dirty || saving) return
    setSaving(true)
    const ok = await onSave(draft.trim())
    setSaving(false)
    if (ok) setDraft(null)
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <input
        id={`${id}-input`}
        className="text-input"
        type="url"
        inputMode="url"
        spellCheck={false}
        autoComplete="off"
        value={shown}
        onChange={(event) => setDraft(event.target.value)}
        aria-invalid={status?.kind === 'error' ? true : undefined}
        aria-describedby={`${id}-description ${id}-status`}
        // The form is noValidate: the core's message is the one that counts, in one place.
        required
      />
      <button className="button button-primary" type="submit" disabled={!dirty || saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      {dirty ? (
        <button className="button button-ghost" type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      ) : null}
    </form>
  )
}
