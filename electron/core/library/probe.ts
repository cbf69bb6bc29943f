// Reads what the library needs to know about a video file — container, duration, display size,
// rotation, codecs, audio — with mediabunny, in plain Node. Users' machines have no native ffmpeg,
// so this is the only prober. Anything Spool cannot use is refused with a sentence for people.
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input, type InputTrack } from 'mediabunny'
import type { MediaProbe } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'

const CONTAINER_EXTENSIONS: Record<string, string> = {
  MP4: 'mp4',
  // mediabunny's name for MOV ('QuickTime' kept in case an older version says so).
  'QuickTime File Format': 'mov',
  QuickTime: 'mov',
  WebM: 'webm',
  Matroska: 'mkv',
}

export interface ProbeResult {
  probe: MediaProbe
  /** Extension the library stores the source under, from the container actually found. */
  extension: string
}

function unsupported(reason: string): RpcError {
  return new RpcError('unsupported_media', `This file isn't a video Spool can read: ${reason}.`)
}

/** Opens a file for probing; `dispose()` it when done. */
export const openInput = (path: string) =>
  new Input({ source: new FilePathSource(path), formats: ALL_FORMATS })

/** The container's name as mediabunny knows it, or the caller's sentence when it knows none. */
export async function containerName(input: Input, refuse: (reason: string) => RpcError, noun: string) {
  try {
    return (await input.getFormat()).name
  } catch {
    throw refuse(`its format is not recognised (it may be damaged or not ${noun} at all)`)
  }
}

export async function probeVideo(path: string): Promise<ProbeResult> {
  const input = openInput(path)
  try {
    const container = await containerName(input, unsupported, 'a video')
    const extension = CONTAINER_EXTENSIONS[container]
    if (!extension) throw unsupported(`${container} files are not supported; use MP4, MOV, WebM or MKV`)

    const video = await input.getPrimaryVideoTrack().catch(() => null)
    if (!video) throw unsupported('it has no video track')
    if (!video.codec) throw unsupported('its video codec is not one Spool knows')
    const durationSeconds = await input.computeDuration().catch(() => 0)
    const durationMs = Math.round(durationSeconds * 1000)
    if (!(durationMs > 0)) throw unsupported('it has no playable duration')
    if (!(video.displayWidth > 0 && video.displayHeight > 0)) throw unsupported('its picture has no size')
    // The header of a cut-off download still promises every frame; reading the last one proves the
    // data is really there (a truncated file passes every other check above).
    if (!(await hasReadableEnds(video)))
      throw unsupported('it is incomplete or damaged (was the copy cut off?)')

    const audio = await input.getPrimaryAudioTrack().catch(() => null)
    // A sample of packets is enough for the editor's frame step; a variable rate just averages.
    const stats = await video.computePacketStats(120).catch(() => null)
    const frameRate =
      stats && stats.averagePacketRate > 0 && stats.averagePacketRate <= 1000
        ? Math.round(stats.averagePacketRate * 1000) / 1000
        : undefined
    return {
      extension,
      probe: {
        container,
        durationMs,
        width: video.displayWidth,
        height: video.displayHeight,
        rotation: video.rotation,
        videoCodec: (await video.getCodecParameterString().catch(() => null)) ?? video.codec,
        hasAudio: audio !== null,
        audioCodec: audio ? ((await audio.getCodecParameterString().catch(() => null)) ?? audio.codec) : null,
        ...(frameRate ? { frameRate } : {}),
      },
    }
  } finally {
    input.dispose()
  }
}

/** Whether the track's first and last packets really hold data (a cut-off file's header lies). */
export async function hasReadableEnds(track: InputTrack): Promise<boolean> {
  try {
    const sink = new EncodedPacketSink(track)
    const first = await sink.getFirstPacket()
    const last = await sink.getPacket(await track.computeDuration())
    return !!first && first.data.byteLength > 0 && !!last && last.data.byteLength > 0
  } catch {
    return false
  }
}
