// spool: links (the viewer's "Use this sound"): the app registers itself for the scheme, and the OS
// hands a link over as a first launch's argv, a second instance's argv (Windows, Linux) or macOS's
// open-url event. Main only passes the text on: the renderer parses it (shared/api/studio-links.ts)
// and decides. The newest link waits here until the renderer takes it, so one that arrives while
// the window is still loading is not lost.
import { app, type BrowserWindow } from 'electron'
import { resolve } from 'node:path'
import { SPOOL_LINK_WAITING_CHANNEL } from '../../shared/rpc/bridge-api'

const SCHEME = 'spool'
/** The link module refuses anything longer; no reason to keep more. */
const MAX_LINK_LENGTH = 2048

export function createOpenLinks(currentWindow: () => BrowserWindow | null) {
  let waiting: string | null = null

  function offer(link: string): void {
    if (!link.startsWith(`${SCHEME}:`) || link.length > MAX_LINK_LENGTH) return
    waiting = link
    const window = currentWindow()
    if (!window) return
    window.webContents.send(SPOOL_LINK_WAITING_CHANNEL)
    if (window.isMinimized()) window.restore()
    window.focus()
  }

  return {
    register(): void {
      // In development Electron runs as `electron .`: the OS must start it with the app's path.
      if (process.defaultApp && process.argv[1])
        app.setAsDefaultProtocolClient(SCHEME, process.execPath, [resolve(process.argv[1])])
      else app.setAsDefaultProtocolClient(SCHEME)
      // macOS delivers links as an event, possibly before the app is ready.
      app.on('open-url', (event, url) => {
        event.preventDefault()
        offer(url)
      })
    },
    /** Windows and Linux put the link among the arguments. */
    fromArgv(argv: readonly string[]): void {
      const link = argv.find((arg) => arg.startsWith(`${SCHEME}:`))
      if (link) offer(link)
    },
    /** The waiting link, once. */
    take(): string | null {
      const link = waiting
      waiting = null
      return link
    },
  }
}
