// The Worker the WebCodecs ladder runs in (started by run-webcodecs-encode.ts): one request in
// (and the sound's AAC when it is ready), progress out, then the encoded files (their buffers transferred, not copied) or an error.
import { encodeLadder } from './encode-ladder'
import type { EncodedAudioTrack, LadderInput, LadderMessage } from './ladder-types'

const post = (message: LadderMessage, transfer: Transferable[] = []) =>
  self.postMessage(message, { transfer })

let audio: ((tracks: EncodedAudioTrack[]) => void) | null = null

self.onmessage = async ({ data }: MessageEvent<LadderInput>) => {
  if (data.type === 'audio') return audio?.(data.tracks)
  const tracks = data.withAudio ? new Promise<EncodedAudioTrack[]>((resolve) => (audio = resolve)) : null
  try {
    const result = await encodeLadder(data, tracks, (fraction) => post({ type: 'progress', fraction }))
    const buffers = [
      result.poster,
      ...result.renditions.flatMap((rendition) => [...rendition.files.values()]),
    ]
    post({ type: 'done', result }, [...new Set(buffers.map((bytes) => bytes.buffer))])
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}
