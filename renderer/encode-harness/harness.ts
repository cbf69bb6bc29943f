// A page that runs the studio's real encoder (runEncode: path choice, WebCodecs or ffmpeg.wasm,
// files sent to the bridge's PUT route) outside the studio, for bench/encode.bench.ts and
// test/e2e/encode-paths.test.ts. The page's own server plays the bridge (GET the source, PUT the
// package files) and a stand-in client answers the two calls the encoder makes to the core.
import type { StudioClient } from '../../shared/rpc/client'
import { runEncode } from '../src/encode/run-encode'
import type { HarnessAnswer, HarnessRequest } from './harness-types'

declare global {
  interface Window {
    encodeReel(request: HarnessRequest): Promise<HarnessAnswer>
  }
}

window.encodeReel = async ({ encoder, job }) => {
  let finish: unknown = null
  const call = (method: string, params: unknown): Promise<unknown> => {
    if (method === 'settings.get') return Promise.resolve({ encoder })
    if (method === 'encode.finish') return Promise.resolve((finish = params))
    return Promise.reject(new Error(`The harness does not answer ${method}`))
  }
  const client = { call, on: () => () => {} } as unknown as StudioClient
  let lastPercent = 0
  const started = performance.now()
  await runEncode(client, job, {
    signal: new AbortController().signal,
    onProgress: (reading) => (lastPercent = reading.percent),
  })
  return { ms: performance.now() - started, finish, lastPercent }
}
