// Encodes one job into a reel package and hands it to the core: the source video is read from the
// library, ffmpeg.wasm makes the 720p and 360p fMP4 HLS renditions and the poster, the master
// playlist's CODECS come from the init segments x264 really wrote, every file goes to the core, and
// encode.finish has the core write the manifest, build the tar and run the server's package check.
// ffmpeg.wasm makes two passes from the source (one per rendition); where the browser offers an
// H.264 encoder to WebCodecs (and the Encoder setting allows), webcodecs/ decodes once for both.
import type { FFmpeg } from '@ffmpeg/ffmpeg'
import { readAvcInit } from '../../../shared/reel/avc-init'
import { masterPlaylist, peakBandwidth, playlistSegments } from '../../../shared/reel/master-playlist'
import type { StudioClient } from '../../../shared/rpc/client'
import type { EncodeJob, LibraryItem, MediaProbe } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'
import { soundUrl, sourceUrl } from '../library/media-url'
import { audioSource, passWeights, posterArgs, renditionArgs, RENDITIONS } from './encode-plan'
import { chooseEncoder } from './encoder-choice'
import { loadFfmpeg, withThreads } from './ffmpeg-core'
import { sendPackage } from './send-package'
import { encodeWithWebCodecs } from './webcodecs/run-webcodecs-encode'
import { createProgressClock, type ProgressReading } from './progress-clock'

export type ClaimedJob = EncodeJob & { probe: MediaProbe }

export class EncodeCancelled extends Error {}

const SOURCE = 'source'
const SOUND = 'sound'
const TIME = /time=\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/

export async function runEncode(
  client: StudioClient,
  job: ClaimedJob,
  options: { signal: AbortSignal; onProgress(reading: ProgressReading): void },
): Promise<LibraryItem> {
  const { signal } = options
  const { trimStartMs, trimEndMs } = job.options
  const durationMs = Math.min(trimEndMs, job.probe.durationMs) - trimStartMs
  const clock = createProgressClock(passWeights())
  let pass = 0
  let ffmpeg: FFmpeg | null = null
  // Cancel = terminate ffmpeg's worker: the only way to stop an exec mid-frame.
  const stop = () => ffmpeg?.terminate()
  signal.addEventListener('abort', stop)
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
    ffmpeg = await loadFfmpeg()
    check()
    const log: string[] = []
    ffmpeg.on('log', ({ message }) => {
      log.push(message)
      if (log.length > 30) log.shift()
      const time = TIME.exec(message)
      if (time) {
        const ms = (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3])) * 1000
        options.onProgress(clock.update(pass, ms / durationMs))
      }
    })
    const exec = async (args: string[], what: string) => {
      const code = await ffmpeg!.exec(withThreads(args, ffmpeg!))
      check()
      if (code !== 0)
        throw new Error(`ffmpeg could not make the ${what} (exit ${code}): ${log.slice(-3).join(' ')}`)
    }
    await ffmpeg.writeFile(SOURCE, source)
    if (sound) await ffmpeg.writeFile(SOUND, sound)
    const files = new Map<string, Uint8Array>()
    const renditions = []
    for (const rendition of RENDITIONS) {
      await ffmpeg.createDir(rendition.name)
      await exec(
        renditionArgs(SOURCE, rendition, job.options, job.probe.hasAudio, SOUND),
        `${rendition.name} video`,
      )
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
      pass++
      options.onProgress(clock.update(pass, 0))
    }
    await exec(posterArgs(SOURCE, job.options), 'poster')
    files.set('poster.jpg', await readBytes(ffmpeg, 'poster.jpg'))
    const master = masterPlaylist(renditions.map((r) => ({ ...r, playlist: `${r.name}/index.m3u8` })))
    files.set('master.m3u8', new TextEncoder().encode(master))
    options.onProgress(clock.update(pass, 1))
    return await sendPackage(client, job, { files, renditions, durationMs }, check)
  } catch (error) {
    if (signal.aborted) throw new EncodeCancelled('Cancelled')
    throw error
  } finally {
    signal.removeEventListener('abort', stop)
    ffmpeg?.terminate()
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
