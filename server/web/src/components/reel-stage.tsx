import type { ReactNode } from 'react'

/**
 * The centred 9:16 column a reel plays in (full screen on phones). The action rail hangs beside
 * it on wide screens, without pushing it off centre, and over it on phones; it is only rendered
 * when there is a reel to act on.
 */
export function ReelStage({ children, rail }: { children: ReactNode; rail?: ReactNode }) {
  return (
    <div className="stage-row">
      <div className="stage-frame">
        <section className="stage" aria-label="Reel">
          {children}
        </section>
        {rail && <aside className="action-rail-slot">{rail}</aside>}
      </div>
    </div>
  )
}
