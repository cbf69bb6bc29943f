// Encode of a 15 s 1080x1920 clip (with sound) to the reel package's ladder (720p + 360p fMP4 HLS,
// 2 s segments, poster), measured in one run, interleaved:
//   reference: native ffmpeg running the studio's own ffmpeg plan (encode-plan.ts ladderArgs: one
//     run, decoded once, x264 veryfast CRF 23 capped at the rung's maxrate, AAC, the poster), with
//     its default threads;
//   ours: the studio's real encoder (runEncode → WebCodecs: decode once, Chromium's OpenH264 at the
//     rung's maxrate as a VBR target, AAC by ffmpeg.wasm) in headless Debian Chromium (GPU off),
//     via the encode harness page (test/support/encode-harness.ts), files sent over HTTP as to the
//     bridge;
//   and once each (SPOOL_BENCH_WASM=0 skips): the ffmpeg.wasm path, multi-thread (cross-origin
//     isolated page) and single-thread, with its steps (load, write, the one ffmpeg run, read).
// Both sides then hash every file (sha256, what the core does for the manifest). Quality: SSIM of
// each rendition against the source scaled to the rung (ffmpeg's ssim filter), and bytes per rung.
// Chromium's H.264 encoder takes no constant-quality mode (`bitrateMode: 'quantizer'` is refused by
// isConfigSupported), so equal quality is found by a sweep: WebCodecs at multiples of the rungs'
// maxrate (SPOOL_BENCH_SWEEP, default 1.5,2,3), once each; the first whose SSIM reaches native's
// on every rung is the speed at equal quality.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ladderArgs, RENDITIONS } from '../renderer/src/encode/encode-plan'
import type { EncodeOptions } from '../shared/rpc/contract'
import { launchChromium } from '../test/support/browser'
import { startEncodeHarness, type EncodeHarness } from '../test/support/encode-harness'
import { ensureMedia } from '../test/support/media'
import type { Browser } from 'playwright-core'
import { report } from './run'

const ROUNDS = Number(process.env.SPOOL_BENCH_ROUNDS ?? 3)
const WITH_WASM = process.env.SPOOL_BENCH_WASM !== '0'
const SWEEP = (process.env.SPOOL_BENCH_SWEEP ?? '1.5,2,3').split(',').filter(Boolean).map(Number)
const OPTIONS: EncodeOptions = {
  frame: 'fill',
  trimStartMs: 0,
  trimEndMs: 15_000,
  coverMs: 1000,
  caption: 'bench',
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const round = (value: number) => Math.round(value)

function ffmpeg(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`ffmpeg exited ${code}: ${stderr.slice(-500)}`)),
    )
  })
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

async function hashAll(dir: string): Promise<number> {
  const started = performance.now()
  for (const file of await filesUnder(dir))
    createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  return performance.now() - started
}

async function renditionBytes(dir: string, name: string): Promise<number> {
  let total = 0
  for (const file of await filesUnder(join(dir, name)))
    if (!file.endsWith('.m3u8')) total += (await stat(file)).size
  return total
}

/** SSIM (All) of a rendition against the source framed (a 9:16 source: scaled) to its size. */
async function ssim(
  dir: string,
  source: string,
  width: number,
  height: number,
  name: string,
): Promise<number> {
  const log = await ffmpeg([
    ...['-hide_banner', '-nostdin', '-i', join(dir, name, 'index.m3u8'), '-i', source],
    ...[
      '-filter_complex',
      `[1:v]scale=${width}:${height}:flags=bicubic[ref];[0:v][ref]ssim`,
      '-f',
      'null',
      '-',
    ],
  ])
  const match = /All:([\d.]+)/.exec(log)
  if (!match) throw new Error(`no SSIM in ffmpeg's output for ${name}`)
  return Number(match[1])
}

async function nativeLadder(source: string, out: string) {
  await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  for (const rendition of RENDITIONS) await mkdir(join(out, rendition.name))
  const started = performance.now()
  // The plan's `-threads 1` is for ffmpeg.wasm; native ffmpeg gets its default (automatic).
  const args = ladderArgs(source, OPTIONS, true).map((arg, index, all) =>
    all[index - 1] === '-threads' ? '0' : arg,
  )
  await ffmpeg(args, out)
  const steps: Record<string, number> = { 'ladder + poster (one run)': performance.now() - started }
  steps.hash = await hashAll(out)
  return { ms: performance.now() - started, steps }
}

async function studioLadder(
  harness: EncodeHarness,
  browser: Browser,
  source: string,
  encoder: 'webcodecs' | 'ffmpeg-wasm',
  { isolated = true, webCodecsKbps }: { isolated?: boolean; webCodecsKbps?: Record<string, number> } = {},
) {
  const { page, errors, close } = await harness.openPage(browser, { isolated })
  try {
    const run = await harness.encode(page, {
      source,
      encoder,
      options: OPTIONS,
      ...(webCodecsKbps ? { webCodecsKbps } : {}),
    })
    if (!run.check.ok)
      throw new Error(`${encoder}: package refused: ${run.check.reason}: ${run.check.message}`)
    if (errors.length > 0) throw new Error(`${encoder}: page errors: ${errors.join('; ')}`)
    const hash = await hashAll(run.dir)
    return {
      ms: run.encodeMs + hash,
      run,
      steps: { ...(run.steps ?? {}), hash, 'core assemble (hash+tar+check)': run.assembleMs },
    }
  } finally {
    await close()
  }
}

const source = await ensureMedia('portrait-1080x1920-audio-15s')
const work = await mkdtemp(join(tmpdir(), 'spool-encode-bench-'))
const harness = await startEncodeHarness()
const browser = await launchChromium()
try {
  // Warm-up (not counted): Chromium's first page load and the OS file cache.
  await studioLadder(harness, browser, source, 'webcodecs')
  const native: Array<Awaited<ReturnType<typeof nativeLadder>>> = []
  const ours: Array<Awaited<ReturnType<typeof studioLadder>>> = []
  for (let index = 0; index < ROUNDS; index++) {
    native.push(await nativeLadder(source, join(work, 'native')))
    ours.push(await studioLadder(harness, browser, source, 'webcodecs'))
    console.log(
      `round ${index + 1}: native ${round(native.at(-1)!.ms)} ms, webcodecs ${round(ours.at(-1)!.ms)} ms`,
    )
  }
  type Quality = Record<string, { ssim: number; kB: number }>
  const qualityOf = async (dir: string): Promise<Quality> => {
    const quality: Quality = {}
    for (const { name, width, height } of RENDITIONS)
      quality[name] = {
        ssim: await ssim(dir, source, width, height, name),
        kB: round((await renditionBytes(dir, name)) / 1000),
      }
    return quality
  }
  const nativeQuality = await qualityOf(join(work, 'native'))
  const quality: Record<string, Quality> = {
    native: nativeQuality,
    'webcodecs 1× maxrate': await qualityOf(ours.at(-1)!.run.dir),
  }
  const reachesNative = (candidate: Quality) =>
    RENDITIONS.every(({ name }) => candidate[name]!.ssim >= nativeQuality[name]!.ssim)
  const nativeMs = median(native.map((r) => r.ms))
  const oursMs = median(ours.map((r) => r.ms))
  let equalQuality: Record<string, unknown> | null = reachesNative(quality['webcodecs 1× maxrate']!)
    ? { scale: 1, ms: round(oursMs), ratio: Number((oursMs / nativeMs).toFixed(2)) }
    : null
  const sweepMs: Record<string, number> = {}
  for (const scale of SWEEP) {
    if (equalQuality) break
    const webCodecsKbps = Object.fromEntries(
      RENDITIONS.map((r) => [r.name, Math.round(r.maxrateKbps * scale)]),
    )
    const swept = await studioLadder(harness, browser, source, 'webcodecs', { webCodecsKbps })
    const key = `webcodecs ${scale}× maxrate`
    quality[key] = await qualityOf(swept.run.dir)
    sweepMs[key] = round(swept.ms)
    console.log(`${key}: ${round(swept.ms)} ms`, quality[key])
    if (reachesNative(quality[key])) {
      equalQuality = {
        scale,
        kbps: webCodecsKbps,
        ms: round(swept.ms),
        ratio: Number((swept.ms / nativeMs).toFixed(2)),
      }
    }
  }
  const wasm: Record<string, unknown> = {}
  if (WITH_WASM) {
    for (const [label, isolated] of [
      ['multi-thread', true],
      ['single-thread', false],
    ] as const) {
      const run = await studioLadder(harness, browser, source, 'ffmpeg-wasm', { isolated })
      wasm[`ffmpeg.wasm ${label} ms`] = round(run.ms)
      wasm[`ffmpeg.wasm ${label} ratio`] = Number((run.ms / nativeMs).toFixed(2))
      wasm[`ffmpeg.wasm ${label} steps ms`] = Object.fromEntries(
        Object.entries(run.steps).map(([step, ms]) => [step, round(ms)]),
      )
    }
  }
  const medianSteps = (runs: Array<{ steps: Record<string, number> }>) =>
    Object.fromEntries(
      Object.keys(runs[0]!.steps).map((key) => [key, round(median(runs.map((r) => r.steps[key] ?? 0)))]),
    )
  report({
    name: 'encode 15 s 1080x1920 → 720p+360p HLS ladder + poster (median)',
    unit: 's',
    better: 'lower',
    ours: oursMs / 1000,
    reference: nativeMs / 1000,
    referenceName: 'native ffmpeg, the studio plan (x264 veryfast CRF 23 + maxrate, AAC, poster), one run',
    target: '≤ 1.5× native at equal quality',
    notes: {
      rounds: ROUNDS,
      ratio: Number((oursMs / nativeMs).toFixed(2)),
      oursRunsMs: ours.map((r) => round(r.ms)),
      nativeRunsMs: native.map((r) => round(r.ms)),
      oursStepsMs: medianSteps(ours),
      nativeStepsMs: medianSteps(native),
      quality,
      sweepMs,
      equalQuality: equalQuality ?? 'not reached by the sweep',
      ...wasm,
      stepsNote:
        'webcodecs steps overlap: decode/scale/encode/mux are time spent waiting on each in the worker loop; audio (ffmpeg.wasm AAC) runs beside the video',
    },
  })
} finally {
  await browser.close()
  await harness.close()
  await rm(work, { recursive: true, force: true })
}
