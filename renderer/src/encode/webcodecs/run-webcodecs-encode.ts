// The WebCodecs encode of one job, on the renderer's side: the sound (its own step, AAC per rung)
// and the video ladder in a Worker (decode once, every rung from the same frames) side by side, the
// AAC joining the worker's muxers when ready; then the package's files as the core wants them, with the master playlist's CODECS and sizes read from the
// init segments the encoder really wrote.
import { readAvcInit } from '../../../../shared/reel/avc-init'
import { masterPlaylist, peakBandwidth } from '../../../../shared/reel/master-playlist'
import type { EncodeJob, MediaProbe } from '../../../../shared/rpc/contract'
import { encodeAacTracks } from '../audio/aac-tracks'
import { audioSource, POSTER, RENDITIONS } from '../encode-plan'
import { createProgressClock, type ProgressReading } from '../progress-clock'
import type { EncodedPackage } from '../send-package'
import type {
  EncodedAudioTrack,
  LadderInput,
  LadderMessage,
  LadderRequest,
  LadderResult,
} from './ladder-types'

/** `sound`: the replacement sound's file when the creator chose one (it starts with the reel, looped). */
export async function encodeWithWebCodecs(
  source: Uint8Array,
  sound: Uint8Array | null,
  job: EncodeJob & { probe: MediaProbe },
  options: {
    signal: AbortSignal
    onProgress(reading: ProgressReading): void
    /** A target bitrate per rendition other than its maxrate (the benchmark's quality sweep). */
    webCodecsKbps?: Readonly<Record<string, number>>
  },
): Promise<EncodedPackage & { steps: Record<string, number> }> {
  const { trimStartMs, trimEndMs } = job.options
  const endMs = Math.min(trimEndMs, job.probe.durationMs)
  const clock = createProgressClock([1])
  const durationMs = endMs - trimStartMs
  const from = audioSource(job.options, job.probe.hasAudio)
  const withAudio = from !== null
  const started = performance.now()
  let audioMs = 0
  const audio = withAudio
    ? encodeAacTracks(
        from === 'replacement' && sound
          ? { bytes: sound, startMs: 0, durationMs, loop: true }
          : { bytes: source, startMs: trimStartMs, durationMs },
        RENDITIONS.map((rendition) => rendition.audioKbps),
        options.signal,
      ).finally(() => (audioMs = performance.now() - started))
    : null
  const result = await runLadderWorker(
    {
      source: source.slice().buffer,
      framing: job.options,
      trimStartMs,
      trimEndMs: endMs,
      coverMs: job.options.coverMs,
      rungs: RENDITIONS.map(({ name, width, height, maxrateKbps }) => ({
        name,
        width,
        height,
        bitrateKbps: options.webCodecsKbps?.[name] ?? maxrateKbps,
      })),
      withAudio,
      poster: POSTER,
    },
    audio,
    options.signal,
    (fraction) => options.onProgress(clock.update(0, Math.min(fraction, 0.99))),
  )
  options.onProgress(clock.update(0, 1))
  const totalMs = performance.now() - started
  const files = new Map<string, Uint8Array>([['poster.jpg', result.poster]])
  const renditions = result.renditions.map(({ name, files: folder, segments }) => {
    for (const [path, bytes] of folder) files.set(`${name}/${path}`, bytes)
    const info = readAvcInit(folder.get('init.mp4')!)
    if (!info) throw new Error(`The ${name} init segment has no H.264 track`)
    return {
      name,
      width: info.width,
      height: info.height,
      bandwidth: peakBandwidth(segments),
      codecs: info.audio ? `${info.codecs},mp4a.40.2` : info.codecs,
    }
  })
  const master = masterPlaylist(renditions.map((r) => ({ ...r, playlist: `${r.name}/index.m3u8` })))
  files.set('master.m3u8', new TextEncoder().encode(master))
  return {
    files,
    renditions,
    durationMs: result.durationMs,
    steps: { total: totalMs, audio: audioMs, ...result.steps },
  }
}

function runLadderWorker(
  request: LadderRequest,
  audio: Promise<EncodedAudioTrack[]> | null,
  signal: AbortSignal,
  onProgress: (fraction: number) => void,
): Promise<LadderResult> {
  const worker = new Worker(new URL('./ladder.worker.ts', import.meta.url), { type: 'module' })
  const send = (input: LadderInput, transfer: Transferable[] = []) => worker.postMessage(input, transfer)
  return new Promise<LadderResult>((resolve, reject) => {
    // Cancel = terminate: the only way to stop the encoders mid-frame.
    signal.addEventListener('abort', () => reject(new Error('Cancelled')), { once: true })
    worker.onerror = (event) => reject(new Error(`The WebCodecs encoder stopped: ${event.message}`))
    worker.onmessage = ({ data }: MessageEvent<LadderMessage>) => {
      if (data.type === 'progress') onProgress(data.fraction)
      else if (data.type === 'done') resolve(data.result)
      else reject(new Error(data.message))
    }
    send({ type: 'encode', ...request }, [request.source])
    audio?.then((tracks) => send({ type: 'audio', tracks }), reject)
  }).finally(() => worker.terminate())
}
