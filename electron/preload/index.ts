// The only door from the renderer to Electron: window.spool, three members, checked against the
// shared SpoolBridge type. ipcRenderer itself never crosses contextBridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { SPOOL_EVENT_CHANNEL, SPOOL_RPC_CHANNEL, type SpoolBridge } from '../../shared/rpc/bridge-api'

const spool = {
  invoke: (method, params) => ipcRenderer.invoke(SPOOL_RPC_CHANNEL, method, params),
  onEvent(listener) {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload)
    ipcRenderer.on(SPOOL_EVENT_CHANNEL, relay)
    return () => {
      ipcRenderer.removeListener(SPOOL_EVENT_CHANNEL, relay)
    }
  },
  platform: process.platform,
} satisfies SpoolBridge

contextBridge.exposeInMainWorld('spool', spool)
