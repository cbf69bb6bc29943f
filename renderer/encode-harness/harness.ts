// A page that runs the studio's real encoder (runEncode: path choice, WebCodecs or ffmpeg.wasm,
// files sent to the bridge's PUT route) outside the studio, for bench/encode.bench.ts and
// test/e2e/encode-paths.test.ts. The page's own server plays the bridge (GET the source, PUT the
// package files) and a stand-in client answers the two calls the encoder makes to the core. A job
// can be cancelled at a given percentage, as the studio's Cancel would.
import type { StudioClient } from '../../shared/rpc/client'
import { EncodeCancelled, runEncode } from '../src/encode/run-encode'
import type { HarnessAnswer, HarnessRequest } from './harness-types'

// Counts the ffmpeg.wasm cores this page loads: @ffmpeg/ffmpeg starts a Worker for every load
// (the core's wasm is fetched inside it, out of the page's sight), and the only other Worker here is
// the WebCodecs ladder's.
let coresLoaded = 0
const PageWorker = window.Worker
window.Worker = class extends PageWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options)
    if (!String(url).includes('ladder.worker')) coresLoaded++
  }
}

declare global {
  interface Window {
    encodeReel(request: HarnessRequest): Promise<HarnessAnswer>
  }
}

window.encodeReel = async ({ encoder, job, webCodecsKbps, cancelAtPercent }) => {
  let finish: unknown = null
  const call = (method: string, params: unknown): Promise<unknown> => {
    if (method === 'settings.get') return Promise.resolve({ encoder })
    if (method === 'encode.finish') return Promise.resolve((finish = params))
    return Promise.reject(new Error(`The harness does not answer ${method}`))
  }
  const client = { call, on: () => () => {} } as unknown as StudioClient
  let lastPercent = 0
  const controller = new AbortController()
  const started = performance.now()
  let outcome: HarnessAnswer['outcome'] = 'done'
  try {
    await runEncode(client, job, {
      signal: controller.signal,
      onProgress: (reading) => {
        lastPercent = reading.percent
        if (cancelAtPercent !== undefined && reading.percent >= cancelAtPercent) controller.abort()
      },
      ...(webCodecsKbps ? { webCodecsKbps } : {}),
    })
  } catch (error) {
    if (!(error instanceof EncodeCancelled)) throw error
    outcome = 'cancelled'
  }
  return { ms: performance.now() - started, outcome, coresLoaded, finish, lastPercent }
}
