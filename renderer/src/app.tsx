// The studio shell: the rail on the left, the current screen on the right.
import type { ComponentType } from 'react'
import { CreateScreen } from './create/create-screen'
import { DashboardScreen } from './dashboard/dashboard-screen'
import { useWebNotifications } from './dashboard/use-web-notifications'
import { useEncodeRunner } from './encode/use-encode-runner'
import { LibraryScreen } from './library/library-screen'
import { useSettings } from './rpc/use-settings'
import { SettingsScreen } from './settings/settings-screen'
import { UploadsScreen } from './uploads/uploads-screen'
import { NavRail } from './shell/nav-rail'
import { useRoute, type Route } from './shell/use-route'
import { useAppliedTheme } from './theme/applied-theme'
import { IncomingLinkDialog } from './use-sound/use-sound-dialog'

// No account system yet, so nobody is a moderator and the Moderation screen stays hidden.
const IS_MODERATOR = false

const screens: Record<Exclude<Route, 'moderation'>, ComponentType> = {
  library: LibraryScreen,
  create: CreateScreen,
  uploads: UploadsScreen,
  dashboard: DashboardScreen,
  settings: SettingsScreen,
}

export function App() {
  const route = useRoute()
  const { settings } = useSettings()
  useAppliedTheme(settings?.theme)
  // The encoder lives as long as the window, whichever screen is showing.
  useEncodeRunner()
  useWebNotifications()
  const Screen = route === 'moderation' ? LibraryScreen : screens[route]
  return (
    <div className="shell">
      <NavRail active={route === 'moderation' ? 'library' : route} isModerator={IS_MODERATOR} />
      <main className="screen" id="main">
        <Screen />
      </main>
      <IncomingLinkDialog />
    </div>
  )
}
