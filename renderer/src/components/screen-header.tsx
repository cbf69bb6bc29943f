import type { ReactNode } from 'react'

export function ScreenHeader({
  title,
  subtitle,
  actions,
}: {
  title: string
  subtitle: string
  actions?: ReactNode
}) {
  return (
    <header className="screen-header">
      <div>
        <h1 className="screen-title">{title}</h1>
        <p className="screen-subtitle">{subtitle}</p>
      </div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </header>
  )
}
