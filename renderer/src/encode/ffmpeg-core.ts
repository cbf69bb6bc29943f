// Loads ffmpeg.wasm from files bundled with the renderer: @ffmpeg/ffmpeg would otherwise fetch its
// core from a CDN, and the studio must work offline. Vite emits the cores' JS, wasm and pthread
// worker as assets (`?url`; renderer/vite.config.ts never inlines them, since a data: URL worker
// cannot start); @ffmpeg/ffmpeg runs the core in its own module Worker, so encoding never blocks
// the UI thread. The worker resolves URLs against its own location, hence absolute URLs.
//
// The multi-thread core needs SharedArrayBuffer, i.e. a cross-origin isolated page (the bridge
// sends COOP/COEP; without them `load()` hangs silently), so it is used only then, with 2 threads:
// x264's automatic count (6 on this 2-core machine) crashes it ("function signature mismatch").
// shared-ffmpeg.ts keeps one loaded instance between jobs; nothing else loads one.
import { FFmpeg } from '@ffmpeg/ffmpeg'
import coreJs from '@ffmpeg/core?url'
import coreWasm from '@ffmpeg/core/wasm?url'
import coreMtJs from '@ffmpeg/core-mt?url'
import coreMtWasm from '@ffmpeg/core-mt/wasm?url'
import coreMtWorker from '@ffmpeg/core-mt/worker?url'

const MULTI_THREAD_THREADS = '2'
const multiThreaded = new WeakSet<FFmpeg>()

const absolute = (url: string) => new URL(url, document.baseURI).href

/** `threads: false` for light work (audio only): the multi-thread core is slower to start. */
export async function loadFfmpeg({ threads = true } = {}): Promise<FFmpeg> {
  const ffmpeg = new FFmpeg()
  if (threads && globalThis.crossOriginIsolated) {
    await ffmpeg.load({
      coreURL: absolute(coreMtJs),
      wasmURL: absolute(coreMtWasm),
      workerURL: absolute(coreMtWorker),
    })
    multiThreaded.add(ffmpeg)
  } else {
    await ffmpeg.load({ coreURL: absolute(coreJs), wasmURL: absolute(coreWasm) })
  }
  return ffmpeg
}

export function isMultiThreaded(ffmpeg: FFmpeg): boolean {
  return multiThreaded.has(ffmpeg)
}

/** The arguments with the thread count this core can take (plans say `-threads 1`, safe on both). */
export function withThreads(args: readonly string[], ffmpeg: FFmpeg): string[] {
  if (!multiThreaded.has(ffmpeg)) return [...args]
  return args.map((arg, index) => (args[index - 1] === '-threads' ? MULTI_THREAD_THREADS : arg))
}
