// Shows the core's `dashboard.notify` events as native desktop notifications; a click brings the
// studio window forward. The core already decided whether to notify (the person's setting).
import { Notification, type BrowserWindow } from 'electron'
import type { EventPayload } from '../../shared/rpc/contract'

export function showDesktopNotification(
  payload: EventPayload<'dashboard.notify'>,
  window: BrowserWindow | null,
): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: payload.title, body: payload.body })
  notification.on('click', () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  notification.show()
}
