// Reads what the editor and the encoder need to know of a replacement sound — its container,
// duration and codec — with mediabunny, as probe.ts does for videos. Anything ffmpeg.wasm could
// not decode, or a file cut off halfway, is refused with a sentence for people.
import { RpcError } from '../../../shared/rpc/envelope'
import { containerName, hasReadableEnds, openInput } from './probe'

/** Extension the library stores the sound under, from the container actually found. */
const CONTAINER_EXTENSIONS: Record<string, string> = {
  MP3: 'mp3',
  WAVE: 'wav',
  Ogg: 'ogg',
  FLAC: 'flac',
  ADTS: 'aac',
  MP4: 'm4a',
  'QuickTime File Format': 'mov',
  WebM: 'webm',
  Matroska: 'mka',
}

export interface AudioProbe {
  durationMs: number
  /** The codec string (e.g. mp4a.40.2, mp3, opus). */
  codec: string
  extension: string
}

function unsupported(reason: string): RpcError {
  return new RpcError('unsupported_media', `This file isn't a sound Spool can use: ${reason}.`)
}

export async function probeAudio(path: string): Promise<AudioProbe> {
  const input = openInput(path)
  try {
    const container = await containerName(input, unsupported, 'audio')
    const extension = CONTAINER_EXTENSIONS[container]
    if (!extension)
      throw unsupported(`${container} files are not supported; use MP3, M4A, WAV, OGG, FLAC or AAC`)
    const audio = await input.getPrimaryAudioTrack().catch(() => null)
    if (!audio) throw unsupported('it has no sound in it')
    if (!audio.codec) throw unsupported('its audio codec is not one Spool knows')
    const durationMs = Math.round((await audio.computeDuration().catch(() => 0)) * 1000)
    if (!(durationMs > 0)) throw unsupported('it has no playable duration')
    if (!(await hasReadableEnds(audio)))
      throw unsupported('it is incomplete or damaged (was the copy cut off?)')
    const codec = (await audio.getCodecParameterString().catch(() => null)) ?? audio.codec
    return { durationMs, codec, extension }
  } finally {
    input.dispose()
  }
}
