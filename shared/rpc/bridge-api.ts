// What Electron's preload exposes as `window.spool`: one narrow, typed API (never ipcRenderer). The
// preload checks its object against this type with `satisfies`; the renderer's IPC transport uses it.
import type { RawResult } from './client'

export const SPOOL_RPC_CHANNEL = 'spool:rpc'
export const SPOOL_EVENT_CHANNEL = 'spool:event'
export const SPOOL_PICK_VIDEOS_CHANNEL = 'spool:pick-videos'
/** main → renderer: a spool: link is waiting (the renderer takes it with SPOOL_TAKE_LINK_CHANNEL). */
export const SPOOL_LINK_WAITING_CHANNEL = 'spool:link-waiting'
/** renderer → main: the spool: link the app was opened with, once (null when there is none). */
export const SPOOL_TAKE_LINK_CHANNEL = 'spool:take-link'
/** One encoded package file's bytes, renderer → main → core (IPC clones typed arrays; no JSON). */
export const SPOOL_PACKAGE_FILE_CHANNEL = 'spool:package-file'

/** A file of a running encode, as the bridge's PUT /library/<id>/package/<path>?job=… carries it. */
export interface PackageFileUpload {
  reelId: string
  jobId: string
  path: string
  bytes: Uint8Array
}

/** Electron's own scheme for library media: spool-media://library/<id>/source | thumbs/NN.jpg */
export const SPOOL_MEDIA_SCHEME = 'spool-media'

/** A dropped or picked file, as the DOM gives it (kept structural so Node code compiles too). */
export interface PickedFile {
  readonly name: string
  readonly size: number
}

export interface SpoolBridge {
  /** Sends one request to the studio core; resolves with its result or typed error. */
  invoke(method: string, params: unknown): Promise<RawResult>
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void
  /** The real path of a dropped or picked file ('' if it has none, e.g. dragged from a browser). */
  pathForFile(file: PickedFile): string
  /** Opens the native "Import videos" dialog; resolves with the chosen paths (empty if cancelled). */
  pickVideoFiles(): Promise<string[]>
  /**
   * spool: links the app is opened with (the OS hands them to main: a first launch's argv, a second
   * instance's argv, macOS open-url), each once, including one that arrived before this call.
   */
  onOpenLink(listener: (link: string) => void): () => void
  /** Hands one encoded package file to the core (the desktop twin of the bridge's PUT route). */
  putPackageFile(file: PackageFileUpload): Promise<RawResult>
  readonly platform: string
}
