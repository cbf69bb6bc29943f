// The left rail: brand, the studio's sections, and (always visible) account and connection state.
import {
  ChartNoAxesColumn,
  Clapperboard,
  CloudUpload,
  LayoutGrid,
  Settings as SettingsIcon,
  ShieldCheck,
  type LucideIcon,
} from 'lucide-react'
import { AccountStatus } from './account-status'
import { hrefFor, type Route } from './use-route'

interface NavItem {
  route: Route
  label: string
  icon: LucideIcon
  /** Moderation is for moderators only; nobody has that role until sign-in exists. */
  moderatorsOnly?: boolean
}

const items: NavItem[] = [
  { route: 'library', label: 'Library', icon: LayoutGrid },
  { route: 'create', label: 'Create', icon: Clapperboard },
  { route: 'uploads', label: 'Uploads', icon: CloudUpload },
  { route: 'dashboard', label: 'Dashboard', icon: ChartNoAxesColumn },
  { route: 'moderation', label: 'Moderation', icon: ShieldCheck, moderatorsOnly: true },
  { route: 'settings', label: 'Settings', icon: SettingsIcon },
]

export function NavRail({ active, isModerator }: { active: Route; isModerator: boolean }) {
  return (
    <aside className="rail">
      <div className="rail-brand">
        <span className="rail-logo" aria-hidden="true">
          <span className="rail-logo-reel" />
        </span>
        <span className="rail-name">
          Spool <span className="rail-name-sub">Studio</span>
        </span>
      </div>
      <nav aria-label="Studio sections">
        <ul className="rail-list">
          {items
            .filter((item) => !item.moderatorsOnly || isModerator)
            .map(({ route, label, icon: Icon }) => (
              <li key={route}>
                <a
                  className="rail-link"
                  href={hrefFor(route)}
                  aria-current={route === active ? 'page' : undefined}
                >
                  <Icon size={18} strokeWidth={1.9} aria-hidden="true" />
                  <span>{label}</span>
                </a>
              </li>
            ))}
        </ul>
      </nav>
      <AccountStatus />
    </aside>
  )
}
