// Electron main: a thin relay, no decisions. It opens the window, runs the studio core in a
// utilityProcess, passes `spool:rpc` calls from our own renderer to the core and core events back.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  safeStorage,
  shell,
  utilityProcess,
  type IpcMainInvokeEvent,
} from 'electron'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  SPOOL_EVENT_CHANNEL,
  SPOOL_PACKAGE_FILE_CHANNEL,
  SPOOL_PICK_VIDEOS_CHANNEL,
  type PackageFileUpload,
  SPOOL_RPC_CHANNEL,
  SPOOL_TAKE_LINK_CHANNEL,
} from '../../shared/rpc/bridge-api'
import type { RawResult } from '../../shared/rpc/client'
import type { EventPayload } from '../../shared/rpc/contract'
import type { UtilityInbound, UtilityOutbound, VaultRequest, VaultResponse } from '../core/index'
import { showDesktopNotification } from './desktop-notification'
import { handleMediaProtocol, registerMediaScheme } from './media-protocol'
import { createOpenLinks } from './open-links'

const here = fileURLToPath(new URL('.', import.meta.url)) // out/main/
const rendererIndex = resolve(here, '../renderer/index.html')
// electron-vite dev sets this; a packaged app never trusts it, so an env var cannot retarget it.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
// electron-builder.yml ships the SQL files as extraResources/core-migrations.
const migrationsDir = app.isPackaged
  ? join(process.resourcesPath, 'core-migrations')
  : join(app.getAppPath(), 'electron', 'core', 'migrations')

let window: BrowserWindow | null = null
const openLinks = createOpenLinks(() => window)
let core: Electron.UtilityProcess | null = null
let quitting = false
let nextId = 1
const pending = new Map<number, (result: RawResult) => void>()

function isOurRenderer(url: string): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
    return parsed.protocol === 'file:' && resolve(fileURLToPath(parsed)) === rendererIndex
  } catch {
    return false
  }
}

/** The core's token vault: safeStorage does the crypto (OS keychain / DPAPI / libsecret). */
function sealOrOpen(request: VaultRequest): VaultResponse {
  try {
    const data =
      request.op === 'encrypt'
        ? safeStorage.encryptString(request.data).toString('base64')
        : safeStorage.decryptString(Buffer.from(request.data, 'base64'))
    return { type: 'vault', id: request.id, ok: true, data }
  } catch (error) {
    return { type: 'vault', id: request.id, ok: false, data: String(error) }
  }
}

function tokenVault(): 'safe-storage' | 'plaintext' {
  if (safeStorage.isEncryptionAvailable()) return 'safe-storage'
  console.warn(
    'safeStorage encryption is not available on this system: the studio keeps its server sign-in token unencrypted in the user data folder',
  )
  return 'plaintext'
}

function startCore(): void {
  const startedAt = Date.now()
  let fatal = false
  const child = utilityProcess.fork(join(here, 'core.js'), [], { serviceName: 'Spool Studio core' })
  child.postMessage({
    type: 'init',
    dataDir: app.getPath('userData'),
    migrationsDir,
    version: app.getVersion(),
    tokenVault: tokenVault(),
  } satisfies UtilityInbound)
  child.on('message', (message: UtilityOutbound) => {
    if (message.type === 'vault') {
      child.postMessage(sealOrOpen(message) satisfies UtilityInbound)
    } else if (message.type === 'response') {
      const settle = pending.get(message.id)
      pending.delete(message.id)
      settle?.(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error })
    } else if (message.type === 'event') {
      window?.webContents.send(SPOOL_EVENT_CHANNEL, message.name, message.payload)
      if (message.name === 'dashboard.notify') {
        showDesktopNotification(message.payload as EventPayload<'dashboard.notify'>, window)
      }
    } else if (message.type === 'fatal') {
      fatal = true
      dialog.showErrorBox('Spool Studio cannot open its data', message.message)
      app.quit()
    }
  })
  child.on('exit', (code) => {
    core = null
    for (const settle of pending.values()) {
      settle({ ok: false, error: { code: 'disconnected', message: 'The studio core stopped; try again' } })
    }
    pending.clear()
    if (quitting || fatal) return
    // Restart after a crash, but not in a loop: a core that dies at once will die again.
    if (Date.now() - startedAt < 5000) {
      dialog.showErrorBox(
        'Spool Studio stopped',
        `The studio core exited (code ${code}) right after starting.`,
      )
      app.quit()
    } else {
      startCore()
    }
  })
  core = child
}

/** Only our own page may reach the core or the dialogs: not an iframe, not a page we were navigated to. */
function checkSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame
  if (!frame || frame.parent || !isOurRenderer(frame.url)) throw new Error('Refused: not the Spool renderer')
}

/** Sends one message to the core under a fresh id; resolves with the core's answer to that id. */
function ask(event: IpcMainInvokeEvent, message: (id: number) => UtilityInbound): Promise<RawResult> {
  checkSender(event)
  if (!core)
    return Promise.resolve({
      ok: false,
      error: { code: 'unavailable', message: 'The studio core is restarting' },
    })
  const id = nextId++
  const answer = new Promise<RawResult>((settle) => pending.set(id, settle))
  core.postMessage(message(id))
  return answer
}

function relay(event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<RawResult> {
  return ask(event, (id) => ({ type: 'request', id, method: String(method), params }))
}

/** Package bytes go on as they came (a cloned Uint8Array); the core checks every field. */
function relayPackageFile(event: IpcMainInvokeEvent, file: PackageFileUpload): Promise<RawResult> {
  const { reelId, jobId, path, bytes } = file ?? ({} as PackageFileUpload)
  return ask(event, (id) => ({ type: 'package-file', id, reelId, jobId, path, bytes }))
}

async function pickVideoFiles(event: IpcMainInvokeEvent): Promise<string[]> {
  checkSender(event)
  const options: Electron.OpenDialogOptions = {
    title: 'Import videos',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Videos', extensions: ['mp4', 'mov', 'm4v', 'webm', 'mkv'] }],
  }
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0e0f13', // the dark theme's background: no white flash before first paint
    title: 'Spool Studio',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.setWindowOpenHandler(({ url }) => {
    // "View on Spool" links: a self-hosted server may well be plain http on the local network.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOurRenderer(url)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  win.on('closed', () => {
    if (window === win) window = null
  })
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererIndex)
  window = win
}

// Two instances would share one database and not hear each other's events. A spool: link opened
// while the studio runs starts a second instance on Windows and Linux: it hands its argv over here.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  openLinks.register()
  openLinks.fromArgv(process.argv)
  app.on('second-instance', (_event, argv) => {
    openLinks.fromArgv(argv)
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  ipcMain.handle(SPOOL_TAKE_LINK_CHANNEL, (event) => {
    checkSender(event)
    return openLinks.take()
  })
  ipcMain.handle(SPOOL_RPC_CHANNEL, relay)
  ipcMain.handle(SPOOL_PICK_VIDEOS_CHANNEL, pickVideoFiles)
  ipcMain.handle(SPOOL_PACKAGE_FILE_CHANNEL, relayPackageFile)
  registerMediaScheme()
  void app.whenReady().then(() => {
    // The core keeps the library in <userData>/library (electron/core/library/library-folder.ts).
    handleMediaProtocol(join(app.getPath('userData'), 'library'))
    startCore()
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => {
    quitting = true
    core?.kill()
  })
}
