// Encodes one job into a reel package and hands it to the core: the source video is read from the
// library, ffmpeg.wasm makes the 720p and 360p fMP4 HLS renditions and the poster, the master
// playlist's CODECS come from the init segments x264 really wrote, every file goes to the core, and
// encode.finish has the core write the manifest, build the tar and run the server's package check.
// Both paths decode the source once for the whole ladder: ffmpeg.wasm in one run with an output per
// rendition (on the window's shared instance, shared-ffmpeg.ts), or, where the browser offers an
// H.264 encoder to WebCodecs (and the Encoder setting allows), webcodecs/.
import type { FFmpeg } from '@ffmpeg/ffmpeg'
import { readAvcInit } from '../../../shared/reel/avc-init'
import { masterPlaylist, peakBandwidth, playlistSegments } from '../../../shared/reel/master-playlist'
import type { StudioClient } from '../../../shared/rpc/client'
import type { EncodeJob, LibraryItem, MediaProbe } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { soundUrl, sourceUrl } from '../library/media-url'
import { audioSource, ladderArgs, RENDITIONS } from './encode-plan'
import { chooseEncoder } from './encoder-choice'
import { withThreads } from './ffmpeg-core'
import { sendPackage, type EncodedPackage } from './send-package'
import { withFfmpeg } from './shared-ffmpeg'
import { encodeWithWebCodecs } from './webcodecs/run-webcodecs-encode'
import { createProgressClock, type ProgressReading } from './progress-clock'

export type ClaimedJob = EncodeJob & { probe: MediaProbe }

export class EncodeCancelled extends Error {}

const SOURCE = 'source'
const SOUND = 'sound'
const TIME = /time=\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/

export interface RunEncodeOptions {
  signal: AbortSignal
  onProgress(reading: ProgressReading): void
  /**
   * WebCodecs' target bitrate per rendition name instead of the rendition's maxrate: how
   * bench/encode.bench.ts looks for the rate where Chromium's encoder matches x264's quality.
   */
  webCodecsKbps?: Readonly<Record<string, number>>
}

export async function runEncode(
  client: StudioClient,
  job: ClaimedJob,
  options: RunEncodeOptions,
): Promise<LibraryItem> {
  const { signal } = options
  const { trimStartMs, trimEndMs } = job.options
  const durationMs = Math.min(trimEndMs, job.probe.durationMs) - trimStartMs
  const check = () => {
    if (signal.aborted) throw new EncodeCancelled('Cancelled')
  }
  try {
    const source = await fetchLibraryFile(sourceUrl(job.reelId), 'source video')
    const { soundFile } = job.options
    const sound =
      soundFile && audioSource(job.options, job.probe.hasAudio) === 'replacement'
        ? await fetchLibraryFile(soundUrl(job.reelId, soundFile), 'replacement sound')
        : null
    check()
    const { encoder } = await client.call('settings.get', {})
    if ((await chooseEncoder(encoder)) === 'webcodecs') {
      const encoded = await encodeWithWebCodecs(source, sound, job, options)
      // Per-step times for people tuning the encoder (and bench/encode.bench.ts).
      console.info(`[encode] webcodecs steps ${JSON.stringify(encoded.steps)}`)
      return await sendPackage(client, job, encoded, check)
    }
    const asked = performance.now()
    let load = 0
    const encoded = await withFfmpeg({ signal }, (ffmpeg) => {
      // Next to nothing when the window already had a core loaded.
      load = performance.now() - asked
      return encodeWithFfmpeg(ffmpeg, source, sound, job, durationMs, options.onProgress)
    })
    const steps = { total: performance.now() - asked, load, ...encoded.steps }
    console.info(`[encode] ffmpeg-wasm steps ${JSON.stringify(steps)}`)
    check()
    return await sendPackage(client, job, encoded, check)
  } catch (error) {
    if (signal.aborted) throw new EncodeCancelled('Cancelled')
    throw error
  }
}

/**
 * The ffmpeg.wasm path: one run makes every rendition and the poster (ladderArgs), so the source
 * is decoded once; progress follows the `time=` of ffmpeg's log. The init segments x264 really
 * wrote say the renditions' CODECS and sizes.
 */
async function encodeWithFfmpeg(
  ffmpeg: FFmpeg,
  source: Uint8Array,
  sound: Uint8Array | null,
  job: ClaimedJob,
  durationMs: number,
  onProgress: (reading: ProgressReading) => void,
): Promise<EncodedPackage & { steps: Record<string, number> }> {
  const clock = createProgressClock([1])
  const steps: Record<string, number> = {}
  let started = performance.now()
  const lap = (step: string) => {
    steps[step] = performance.now() - started
    started = performance.now()
  }
  const log: string[] = []
  const onLog = ({ message }: { message: string }) => {
    log.push(message)
    if (log.length > 30) log.shift()
    const time = TIME.exec(message)
    if (time) {
      const ms = (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3])) * 1000
      // The last per cent is reading the files out.
      onProgress(clock.update(0, Math.min(ms / durationMs, 0.99)))
    }
  }
  ffmpeg.on('log', onLog)
  try {
    await ffmpeg.writeFile(SOURCE, source)
    if (sound) await ffmpeg.writeFile(SOUND, sound)
    for (const rendition of RENDITIONS) await ffmpeg.createDir(rendition.name)
    lap('write')
    const code = await ffmpeg.exec(
      withThreads(ladderArgs(SOURCE, job.options, job.probe.hasAudio, SOUND), ffmpeg),
    )
    // Decode, framing, both encodes and muxing all happen inside this one run.
    lap('exec')
    if (code !== 0)
      throw new Error(`ffmpeg could not make the reel (exit ${code}): ${log.slice(-3).join(' ')}`)
    const files = new Map<string, Uint8Array>()
    const renditions = []
    for (const rendition of RENDITIONS) {
      const playlist = await readBytes(ffmpeg, `${rendition.name}/index.m3u8`)
      const init = await readBytes(ffmpeg, `${rendition.name}/init.mp4`)
      const info = readAvcInit(init)
      if (!info) throw new Error(`The ${rendition.name} init segment has no H.264 track`)
      files.set(`${rendition.name}/index.m3u8`, playlist)
      files.set(`${rendition.name}/init.mp4`, init)
      const segments = []
      for (const segment of playlistSegments(new TextDecoder().decode(playlist))) {
        const bytes = await readBytes(ffmpeg, `${rendition.name}/${segment.file}`)
        files.set(`${rendition.name}/${segment.file}`, bytes)
        segments.push({ bytes: bytes.length, seconds: segment.seconds })
      }
      renditions.push({
        name: rendition.name,
        width: info.width,
        height: info.height,
        bandwidth: peakBandwidth(segments),
        codecs: info.audio ? `${info.codecs},mp4a.40.2` : info.codecs,
      })
    }
    files.set('poster.jpg', await readBytes(ffmpeg, 'poster.jpg'))
    const master = masterPlaylist(renditions.map((r) => ({ ...r, playlist: `${r.name}/index.m3u8` })))
    files.set('master.m3u8', new TextEncoder().encode(master))
    lap('read')
    onProgress(clock.update(0, 1))
    return { files, renditions, durationMs, steps }
  } finally {
    ffmpeg.off('log', onLog)
  }
}

async function readBytes(ffmpeg: FFmpeg, path: string): Promise<Uint8Array> {
  const data = await ffmpeg.readFile(path)
  if (typeof data === 'string') throw new Error(`${path} came back as text`)
  return data
}

async function fetchLibraryFile(url: string, what: string): Promise<Uint8Array> {
  // The whole file goes into ffmpeg's in-memory file system: fine for reels (≤ 90 s clips);
  // mounting the File through WORKERFS would avoid the copy for very large sources.
  const response = await fetch(url)
  if (!response.ok) throw new RpcError('not_found', `The ${what} could not be read from the library`)
  return new Uint8Array(await response.arrayBuffer())
}
