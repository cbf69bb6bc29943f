// The window's one loaded ffmpeg.wasm, kept between jobs: loading a core (fetching and compiling
// ~30 MB of wasm, starting its worker) costs more than encoding a short clip's sound, so every job
// after the first skips it. Uses take turns (an ffmpeg.wasm runs one command at a time). A cancelled
// or failed use terminates the instance (the only way to stop an exec mid-frame, and a failed core
// is not trusted again); the next use loads a fresh one. What a use leaves in ffmpeg's in-memory
// file system is removed afterwards, so memory does not grow from job to job.
import type { FFmpeg } from '@ffmpeg/ffmpeg'
import { loadFfmpeg, isMultiThreaded } from './ffmpeg-core'

/**
 * The multi-thread core gets slower with every exec on one instance (ffmpeg.wasm issue #870: a
 * leak inside it; the single-thread core does not), so it is retired after this many uses.
 */
const MULTI_THREAD_USES = 8

interface Loaded {
  ffmpeg: FFmpeg
  /** Names in the file system's root right after loading: everything else is a job's. */
  baseline: Set<string>
  uses: number
}

let current: Loaded | null = null
let turns: Promise<unknown> = Promise.resolve()

export class FfmpegCancelled extends Error {
  constructor() {
    super('Cancelled')
  }
}

/**
 * Runs `work` on the shared ffmpeg.wasm. `threads: false` for light work (audio only): it takes
 * whichever core is loaded, and loads the single-thread one (quicker to start) when none is.
 */
export function withFfmpeg<T>(
  options: { threads?: boolean; signal: AbortSignal },
  work: (ffmpeg: FFmpeg) => Promise<T>,
): Promise<T> {
  const turn = turns.then(() => take(options, work))
  turns = turn.catch(() => {})
  return turn
}

async function take<T>(
  { threads = true, signal }: { threads?: boolean; signal: AbortSignal },
  work: (ffmpeg: FFmpeg) => Promise<T>,
): Promise<T> {
  if (signal.aborted) throw new FfmpegCancelled()
  const wantsThreads = threads && globalThis.crossOriginIsolated
  if (current && wantsThreads && !isMultiThreaded(current.ffmpeg)) discard(current)
  // A cancel while loading keeps the loaded core for the next job.
  const loaded = current ?? (current = await load(wantsThreads))
  if (signal.aborted) throw new FfmpegCancelled()
  const stop = () => discard(loaded)
  signal.addEventListener('abort', stop)
  try {
    loaded.uses++
    const result = await work(loaded.ffmpeg)
    await clearWorkspace(loaded)
    if (isMultiThreaded(loaded.ffmpeg) && loaded.uses >= MULTI_THREAD_USES) discard(loaded)
    return result
  } catch (error) {
    discard(loaded)
    if (signal.aborted) throw new FfmpegCancelled()
    throw error
  } finally {
    signal.removeEventListener('abort', stop)
  }
}

async function load(threads: boolean): Promise<Loaded> {
  const ffmpeg = await loadFfmpeg({ threads })
  const baseline = new Set((await ffmpeg.listDir('/')).map((node) => node.name))
  return { ffmpeg, baseline, uses: 0 }
}

function discard(loaded: Loaded): void {
  if (current === loaded) current = null
  loaded.ffmpeg.terminate()
}

async function clearWorkspace({ ffmpeg, baseline }: Loaded): Promise<void> {
  for (const node of await ffmpeg.listDir('/')) {
    if (!baseline.has(node.name)) await remove(ffmpeg, `/${node.name}`, node.isDir)
  }
}

async function remove(ffmpeg: FFmpeg, path: string, isDir: boolean): Promise<void> {
  if (!isDir) return void (await ffmpeg.deleteFile(path))
  for (const node of await ffmpeg.listDir(path)) {
    if (node.name !== '.' && node.name !== '..') await remove(ffmpeg, `${path}/${node.name}`, node.isDir)
  }
  await ffmpeg.deleteDir(path)
}
