import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

/** The empty, error and not-found states: one icon, one title, one line, maybe one action. */
export function StateMessage(props: {
  icon: LucideIcon
  title: string
  children: ReactNode
  action?: ReactNode
  tone?: 'neutral' | 'error'
}) {
  const Icon = props.icon
  return (
    <div
      className={`state-message ${props.tone === 'error' ? 'is-error' : ''}`}
      role={props.tone === 'error' ? 'alert' : 'status'}
    >
      <span className="state-icon">
        <Icon size={28} strokeWidth={1.75} aria-hidden="true" />
      </span>
      <h2 className="state-title">{props.title}</h2>
      <p className="state-body">{props.children}</p>
      {props.action && <div className="state-action">{props.action}</div>}
    </div>
  )
}
