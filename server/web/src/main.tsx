import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { restoreSession } from './session/session-store'
// Loaded at start-up on every page, so likes and comments waiting from an earlier visit are sent.
import './engagement/outbox-runtime'
import './styles/base.css'
import './styles/layout.css'
import './styles/stage.css'
import './styles/pages.css'
import './styles/player.css'
import './styles/dialog.css'
import './styles/engagement.css'
import './styles/sounds.css'

void restoreSession()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
