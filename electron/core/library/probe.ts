// Reads what the library needs to know about a video file — container, duration, display size,
// rotation, codecs, audio — with mediabunny, in plain Node. Users' machines have no native ffmpeg,
// so this is the only prober. Anything Spool cannot use is refused with a sentence for people.
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input, type InputVideoTrack } from 'mediabunny'
import type { MediaProbe } from '../../../shared/rpc/contract'
import { RpcError } from '../../../shared/rpc/envelope'

const CONTAINER_EXTENSIONS: Record<string, string> = {
  MP4: 'mp4',
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

export async function probeVideo(path: string): Promise<ProbeResult> {
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS })
  try {
    let container: string
    try {
      container = (await input.getFormat()).name
    } catch {
      throw unsupported('its format is not recognised (it may be damaged or not a video at all)')
    }
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

async function hasReadableEnds(video: InputVideoTrack): Promise<boolean> {
  try {
    const sink = new EncodedPacketSink(video)
    const first = await sink.getFirstPacket()
    const last = await sink.getPacket(await video.computeDuration())
    return !!first && first.data.byteLength > 0 && !!last && last.data.byteLength > 0
  } catch {
    return false
  }
}
