// The only door from the renderer to Electron: window.spool, a few members, checked against the
// shared SpoolBridge type. ipcRenderer itself never crosses contextBridge.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import {
  SPOOL_EVENT_CHANNEL,
  SPOOL_LINK_WAITING_CHANNEL,
  SPOOL_PACKAGE_FILE_CHANNEL,
  SPOOL_PICK_VIDEOS_CHANNEL,
  SPOOL_RPC_CHANNEL,
  SPOOL_TAKE_LINK_CHANNEL,
  type SpoolBridge,
} from '../../shared/rpc/bridge-api'

const spool = {
  invoke: (method, params) => ipcRenderer.invoke(SPOOL_RPC_CHANNEL, method, params),
  onEvent(listener) {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload)
    ipcRenderer.on(SPOOL_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(SPOOL_EVENT_CHANNEL, relay)
    }
  },
  // File.path is gone since Electron 32; webUtils is the supported way to get a dropped file's path.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
  pickVideoFiles: () => ipcRenderer.invoke(SPOOL_PICK_VIDEOS_CHANNEL) as Promise<string[]>,
  putPackageFile: (file) => ipcRenderer.invoke(SPOOL_PACKAGE_FILE_CHANNEL, file),
  onOpenLink(listener) {
    // Main keeps the link until it is taken, so one that came before the page was listening is not lost.
    const take = () =>
      void (ipcRenderer.invoke(SPOOL_TAKE_LINK_CHANNEL) as Promise<string | null>).then(
        (link) => typeof link === 'string' && listener(link),
      )
    ipcRenderer.on(SPOOL_LINK_WAITING_CHANNEL, take)
    take()
    return () => {
      ipcRenderer.removeListener(SPOOL_LINK_WAITING_CHANNEL, take)
    }
  },
  platform: process.platform,
} satisfies SpoolBridge

contextBridge.exposeInMainWorld('spool', spool)
