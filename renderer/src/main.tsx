// Renderer entry: pick the transport (Electron IPC or the WebSocket bridge), then render the shell.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { selectTransport } from './rpc/select-transport'
import { StudioProvider } from './rpc/studio-context'
import { SettingsProvider } from './rpc/use-settings'
import { paintCachedTheme } from './theme/applied-theme'
import { listenForStudioLinks } from './use-sound/incoming-link'
import './styles/tokens.css'
import './styles/shell.css'
import './styles/settings.css'
import './styles/library.css'
import './styles/editor.css'
import './styles/uploads.css'
import './styles/dashboard.css'
import './styles/use-sound.css'

paintCachedTheme()
const transport = selectTransport()
// After the transport took the bridge token out of the address bar: both edit the same URL.
listenForStudioLinks()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider transport={transport}>
      <SettingsProvider>
        <App />
      </SettingsProvider>
    </StudioProvider>
  </StrictMode>,
)
