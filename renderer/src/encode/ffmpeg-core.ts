// Loads ffmpeg.wasm (single-thread core) from files bundled with the renderer: @ffmpeg/ffmpeg would
// otherwise fetch its core from a CDN, and the studio must work offline. Vite emits the core's JS
// and wasm as assets (`?url`); @ffmpeg/ffmpeg runs it in its own module Worker, so encoding never
// blocks the UI thread. The worker resolves URLs against its own location, hence absolute URLs.
import { FFmpeg } from '@ffmpeg/ffmpeg'
import coreJs from '@ffmpeg/core?url'
import coreWasm from '@ffmpeg/core/wasm?url'

export async function loadFfmpeg(): Promise<FFmpeg> {
  const ffmpeg = new FFmpeg()
  await ffmpeg.load({
    coreURL: new URL(coreJs, document.baseURI).href,
    wasmURL: new URL(coreWasm, document.baseURI).href,
  })
  return ffmpeg
}
