// The studio core inside Electron's utilityProcess. Main sends `init` first (the data dir comes from
// app.getPath('userData'), the migrations folder from wherever the app ships it), then request
// envelopes and encoded package files; we post back responses and every core event.
import { hostVault } from './account/token-vault'
import { receivePackageFile } from './encode/package-file-message'
import { createStudioCore, type StudioCore } from './index'
import type { UtilityInbound, UtilityInit, UtilityOutbound } from './utility-protocol'

// Typed here rather than imported: the core must never import `electron`, even for types.
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void
  postMessage(message: UtilityOutbound): void
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort
if (!parentPort) throw new Error('utility-entry must run inside an Electron utilityProcess')
const port = parentPort

let core: StudioCore | undefined
let fatal: string | undefined
// The token is sealed by main's safeStorage; the core only ever holds ciphertext on disk.
const safeStorage = hostVault((request) => port.postMessage(request))

port.on('message', ({ data }) => {
  const message = data as UtilityInbound
  if (message?.type === 'init') return init(message)
  if (message?.type === 'vault') return safeStorage.answer(message)
  if (!core) {
    const id = typeof (message as { id?: unknown })?.id === 'number' ? (message as { id: number }).id : -1
    const text = fatal ?? 'The studio core is not initialised yet'
    return port.postMessage({
      type: 'response',
      id,
      ok: false,
      error: { code: 'unavailable', message: text },
    })
  }
  if (message.type === 'package-file') {
    void receivePackageFile(core.encode, message).then((response) => port.postMessage(response))
    return
  }
  void core.dispatch(message, { transport: 'electron' }).then((response) => port.postMessage(response))
})

function init({ dataDir, migrationsDir, version, tokenVault }: UtilityInit): void {
  if (core) return
  try {
    const vault = tokenVault === 'safe-storage' ? safeStorage.vault : undefined
    core = createStudioCore({ dataDir, migrationsDir, version, vault })
    core.onEvent((name, payload) => port.postMessage({ type: 'event', name, payload }))
    port.postMessage({ type: 'ready' })
  } catch (error) {
    // e.g. DatabaseTooNewError: main shows the message to the person instead of a blank window.
    fatal = error instanceof Error ? error.message : String(error)
    port.postMessage({ type: 'fatal', message: fatal })
  }
}

// Main kills us on quit; closing first checkpoints the WAL so the data dir is tidy.
process.once('SIGTERM', () => {
  core?.close()
  process.exit(0)
})
