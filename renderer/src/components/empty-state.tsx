// What a screen shows when it has nothing yet: what goes here and how it gets here. No fake data.
import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

export function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: LucideIcon
  title: string
  children: ReactNode
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <span className="empty-icon" aria-hidden="true">
        <Icon size={28} strokeWidth={1.6} />
      </span>
      <h2 className="empty-title">{title}</h2>
      <div className="empty-text">{children}</div>
    </section>
  )
}
