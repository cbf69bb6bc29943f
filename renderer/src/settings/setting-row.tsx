// One setting: its label and explanation, the control, and the field's save status underneath.
import { Check, CircleAlert } from 'lucide-react'
import type { ReactNode } from 'react'
import type { FieldStatus } from './use-setting-saver'

export function SettingRow(props: {
  id: string
  label: string
  description: string
  status: FieldStatus | undefined
  layout?: 'inline' | 'stacked'
  /** Set when the control is a native input: the label then targets it directly. */
  htmlFor?: string
  children: ReactNode
}) {
  const { id, label, description, status, layout = 'inline', htmlFor, children } = props
  return (
    <div className={`setting-row setting-row-${layout}`}>
      <div className="setting-meta">
        {htmlFor ? (
          <label id={`${id}-label`} className="setting-label" htmlFor={htmlFor}>
            {label}
          </label>
        ) : (
          <span id={`${id}-label`} className="setting-label">
            {label}
          </span>
        )}
        <p id={`${id}-description`} className="setting-description">
          {description}
        </p>
      </div>
      <div className="setting-control">
        {children}
        <FieldMessage id={`${id}-status`} status={status} />
      </div>
    </div>
  )
}

function FieldMessage({ id, status }: { id: string; status: FieldStatus | undefined }) {
  // Always rendered so aria-describedby points at something and screen readers hear changes.
  return (
    <p id={id} className={`field-status field-status-${status?.kind ?? 'idle'}`} aria-live="polite">
      {status?.kind === 'error' ? (
        <>
          <CircleAlert size={15} aria-hidden="true" />
          <span>{status.message}</span>
        </>
      ) : status?.kind === 'saved' ? (
        <>
          <Check size={15} aria-hidden="true" />
          <span>Saved</span>
        </>
      ) : null}
    </p>
  )
}
