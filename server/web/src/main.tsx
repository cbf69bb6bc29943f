import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { restoreSession } from './session/session-store'
import './styles/base.css'
import './styles/layout.css'
import './styles/stage.css'
import './styles/pages.css'
import './styles/player.css'
import './styles/dialog.css'

void restoreSession()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
