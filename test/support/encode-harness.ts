// Runs the studio's real encoder (renderer/encode-harness: runEncode with either path) in Debian's
// Chromium without the studio core: this server builds the page with Vite, serves it with COOP/COEP
// (as the bridge does), plays the bridge's two library routes (GET the source, PUT each package
// file into a staging folder), and the core's own assemblePackage then writes the manifest, builds
// the tar and runs the server's package check; or cancels the job mid-way and says what reached
// the PUT route. Used by test/e2e/encode-paths.test.ts and bench/encode.bench.ts.
import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { build } from 'vite'
import { assemblePackage } from '../../electron/core/encode/assemble-package'
import type { PackageCheckResult } from '../../shared/node/package-check'
import type { EncodeOptions, MediaProbe, Settings } from '../../shared/rpc/contract'
import type { HarnessAnswer, HarnessRequest } from '../../renderer/encode-harness/harness-types'
import { run } from '../fixtures/make-media'

const HARNESS_ROOT = fileURLToPath(new URL('../../renderer/encode-harness/', import.meta.url))
/** What harness.ts puts on the page's window (this file is type-checked without the DOM). */
interface HarnessPage {
  encodeReel(request: HarnessRequest): Promise<HarnessAnswer>
}

const REEL_ID = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F'
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
}

export interface EncodeRun {
  /** Wall time of runEncode in the page: fetch source, encode, send every file, encode.finish. */
  encodeMs: number
  /** The core's part: sha256 of every file, manifest, tar, package check. */
  assembleMs: number
  /** The encoder's per-step times, as either path logs them. */
  steps: Record<string, number> | null
  check: PackageCheckResult
  /** The staged package files (master.m3u8, poster.jpg, <rendition>/…). */
  dir: string
  finish: {
    durationMs: number
    renditions: Array<{ name: string; width: number; height: number; bandwidth: number; codecs: string }>
  }
  lastPercent: number
  /** ffmpeg.wasm cores the page has loaded so far (one is kept between jobs). */
  coresLoaded: number
}

export interface EncodeInput {
  source: string
  encoder: Settings['encoder']
  options: EncodeOptions
  webCodecsKbps?: Record<string, number>
}

export interface CancelledRun {
  outcome: 'done' | 'cancelled'
  lastPercent: number
  /** What reached the bridge's PUT route before the cancel took effect. */
  staged: string[]
  coresLoaded: number
}

export interface EncodeHarness {
  origin: string
  encode(browserPage: Page, input: EncodeInput): Promise<EncodeRun>
  /** Runs a job and cancels it once its progress reaches `atPercent`, as the studio's Cancel does. */
  encodeAndCancel(browserPage: Page, input: EncodeInput & { atPercent: number }): Promise<CancelledRun>
  openPage(
    browser: Browser,
    options?: { isolated?: boolean },
  ): Promise<{ page: Page; errors: string[]; close(): Promise<void> }>
  close(): Promise<void>
}

export async function startEncodeHarness(): Promise<EncodeHarness> {
  const work = await mkdtemp(join(tmpdir(), 'spool-encode-harness-'))
  const outDir = join(work, 'page')
  await build({
    configFile: false,
    root: HARNESS_ROOT,
    base: './',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, target: 'chrome120', assetsInlineLimit: 0 },
  })
  let source = ''
  let staging = ''
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://harness')
      // What the bridge sends: cross-origin isolation, for ffmpeg.wasm's threads (a page opened
      // with ?isolated=0 goes without, as a plain web page would: single-thread core).
      if (url.searchParams.get('isolated') !== '0') {
        response.setHeader('cross-origin-opener-policy', 'same-origin')
        response.setHeader('cross-origin-embedder-policy', 'require-corp')
      }
      const put = /^\/library\/[0-9A-Z]{26}\/package\/(.+)$/.exec(url.pathname)
      if (request.method === 'PUT' && put) {
        const chunks: Buffer[] = []
        for await (const chunk of request) chunks.push(chunk as Buffer)
        const path = join(staging, ...decodeURIComponent(put[1]!).split('/'))
        await mkdir(dirname(path), { recursive: true })
        await writeFile(path, Buffer.concat(chunks))
        response.writeHead(204).end()
        return
      }
      if (/^\/library\/[0-9A-Z]{26}\/source$/.test(url.pathname)) {
        response.writeHead(200, { 'content-type': 'video/mp4' })
        createReadStream(source).pipe(response)
        return
      }
      if (url.pathname === '/favicon.ico') return void response.writeHead(204).end()
      const file = join(outDir, normalize(url.pathname === '/' ? '/index.html' : url.pathname))
      if (!file.startsWith(outDir)) return void response.writeHead(404).end()
      const body = await readFile(file).catch(() => null)
      if (!body) return void response.writeHead(404).end()
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body)
    })().catch((error: Error) => response.writeHead(500).end(error.message))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  async function runInPage(page: Page, input: EncodeInput & { cancelAtPercent?: number }) {
    const { source: sourcePath, encoder, options, webCodecsKbps, cancelAtPercent } = input
    source = sourcePath
    staging = join(work, `staging-${Date.now()}`)
    await mkdir(staging)
    let steps: Record<string, number> | null = null
    const onConsole = (message: { text(): string }) => {
      const match = /^\[encode\] (?:webcodecs|ffmpeg-wasm) steps (.*)$/.exec(message.text())
      if (match) steps = JSON.parse(match[1]!) as Record<string, number>
    }
    page.on('console', onConsole)
    const request: HarnessRequest = {
      encoder,
      ...(webCodecsKbps ? { webCodecsKbps } : {}),
      ...(cancelAtPercent !== undefined ? { cancelAtPercent } : {}),
      job: {
        id: `job-${Date.now()}`,
        reelId: REEL_ID,
        state: 'running',
        options,
        progress: 0,
        startedAt: null,
        finishedAt: null,
        error: null,
        createdAt: new Date().toISOString(),
        probe: await probeMedia(sourcePath),
      },
    }
    try {
      const answer = await page.evaluate(
        (harnessRequest) => (globalThis as unknown as HarnessPage).encodeReel(harnessRequest),
        request,
      )
      return { answer, steps: steps as Record<string, number> | null }
    } finally {
      page.off('console', onConsole)
    }
  }

  return {
    origin,
    async openPage(browser, { isolated = true } = {}) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
      await page.goto(`${origin}/${isolated ? '' : '?isolated=0'}`)
      await page.waitForFunction(
        () => typeof (globalThis as unknown as HarnessPage).encodeReel === 'function',
      )
      return { page, errors, close: () => context.close() }
    },
    async encode(page, input) {
      const { answer, steps } = await runInPage(page, input)
      if (answer.outcome !== 'done') throw new Error('The encode was cancelled')
      const finish = answer.finish as EncodeRun['finish']
      const started = performance.now()
      const check = await assemblePackage({
        dir: staging,
        tarPath: join(work, 'package.tar'),
        reelId: REEL_ID,
        caption: input.options.caption,
        durationMs: finish.durationMs,
        renditions: finish.renditions,
      })
      return {
        encodeMs: answer.ms,
        assembleMs: performance.now() - started,
        steps,
        check,
        dir: staging,
        finish,
        lastPercent: answer.lastPercent,
        coresLoaded: answer.coresLoaded,
      }
    },
    async encodeAndCancel(page, { atPercent, ...input }) {
      const { answer } = await runInPage(page, { ...input, cancelAtPercent: atPercent })
      const staged = await readdir(staging, { recursive: true })
      return {
        outcome: answer.outcome,
        lastPercent: answer.lastPercent,
        staged,
        coresLoaded: answer.coresLoaded,
      }
    },
    async close() {
      await new Promise((resolve) => server.close(resolve))
      await rm(work, { recursive: true, force: true })
    },
  }
}

/** The fields of the core's probe the encoder reads, from ffprobe. */
export async function probeMedia(path: string): Promise<MediaProbe> {
  const info = JSON.parse(
    await run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]),
  ) as { streams: Array<Record<string, string | number>>; format: { duration: string } }
  const video = info.streams.find((stream) => stream.codec_type === 'video')!
  const audio = info.streams.find((stream) => stream.codec_type === 'audio')
  return {
    container: 'mp4',
    durationMs: Math.round(Number(info.format.duration) * 1000),
    width: Number(video.width),
    height: Number(video.height),
    rotation: 0,
    videoCodec: 'avc1',
    hasAudio: Boolean(audio),
    audioCodec: audio ? 'mp4a.40.2' : null,
  }
}
