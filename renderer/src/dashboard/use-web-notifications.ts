// Desktop notifications in the browser studio (studio:web): the core's `dashboard.notify` shown with
// the web Notification API, only when the person already allowed it for this page — the studio
// never prompts. In Electron, main shows them natively, so the window stays quiet.
import { useEffect } from 'react'
import { useStudio } from '../rpc/studio-context'

export function useWebNotifications(): void {
  const client = useStudio()
  useEffect(() => {
    if (window.spool || typeof Notification === 'undefined') return
    return client.on('dashboard.notify', ({ title, body, notifications }) => {
      if (Notification.permission !== 'granted') return
      // The tag folds a repeat of the same notice (two windows, a reconnect) into one.
      new Notification(title, { body, tag: `spool-${notifications.map((item) => item.id).join(',')}` })
    })
  }, [client])
}
