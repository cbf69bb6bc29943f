// One rendition of the WebCodecs ladder: encodes the ladder's 9:16 frames with a VideoEncoder
// configured at the rung's size (it scales the frames it is given) (a key frame every 2 s, so segments are 2 s), and muxes the
// packets (plus the rung's AAC, if any) into fragmented MP4 cut into HLS segment files.
import {
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  NullTarget,
  Output,
} from 'mediabunny'
import { avcConfig } from './avc-encoder-config'
import { HlsRenditionCollector } from './hls-rendition-files'
import type { EncodedAudioTrack, EncodedRendition, LadderRung, StepTimes } from './ladder-types'

/** Frames waiting in the encoder before painting waits: enough to keep it busy, bounded memory. */
const MAX_QUEUED_FRAMES = 4

export class RungEncoder {
  private readonly collector = new HlsRenditionCollector()
  private readonly output: Output
  private readonly video = new EncodedVideoPacketSource('avc')
  private readonly audio: EncodedAudioPacketSource | null
  private readonly encoder: VideoEncoder
  /** Muxing is serialised: the muxer wants packets in order. */
  private muxing: Promise<void> = Promise.resolve()
  private failure: Error | null = null

  constructor(
    readonly rung: LadderRung,
    codec: string,
    withAudio: boolean,
    private readonly steps: StepTimes,
  ) {
    const collector = this.collector
    this.output = new Output({
      target: new NullTarget(),
      format: new Mp4OutputFormat({
        fastStart: 'fragmented',
        // Fragments start at key frames; the encoder makes one every 2 s, this only stops a stray
        // key frame from cutting a short segment.
        minimumFragmentDuration: 1.5,
        onFtyp: collector.onFtyp,
        onMoov: collector.onMoov,
        onMoof: collector.onMoof,
        onMdat: collector.onMdat,
      }),
    })
    this.output.addVideoTrack(this.video)
    this.audio = withAudio ? new EncodedAudioPacketSource('aac') : null
    if (this.audio) this.output.addAudioTrack(this.audio)
    this.encoder = new VideoEncoder({
      output: (chunk, meta) => this.mux(() => this.video.add(EncodedPacket.fromEncodedChunk(chunk), meta)),
      error: (error) =>
        (this.failure ??= new Error(`The ${rung.name} H.264 encoder failed: ${error.message}`)),
    })
    this.encoder.configure(avcConfig(codec, rung.width, rung.height, rung.bitrateKbps))
  }

  start(): Promise<void> {
    return this.output.start()
  }

  /** The rung's AAC, whenever it is ready: the muxer holds the video's fragments until it comes. */
  addAudio(track: EncodedAudioTrack): Promise<void> {
    const audio = this.audio
    if (!audio) throw new Error(`The ${this.rung.name} rendition has no audio track`)
    const { decoderConfig, packets } = track
    for (const [index, packet] of packets.entries()) {
      const encoded = new EncodedPacket(packet.data, 'key', packet.timestamp, packet.duration)
      void this.mux(() => audio.add(encoded, index === 0 ? { decoderConfig } : undefined))
    }
    return this.muxing
  }

  /** Queues the frame (the caller still owns and closes it): waits while the encoder is behind. */
  async add(frame: VideoFrame, keyFrame: boolean): Promise<void> {
    this.throwIfFailed()
    const started = performance.now()
    while (this.encoder.encodeQueueSize >= MAX_QUEUED_FRAMES) await dequeued(this.encoder)
    this.encoder.encode(frame, { keyFrame })
    this.steps.encode += performance.now() - started
  }

  /** Flushes the encoder and the muxer; `endSeconds` is where the rendition ends. */
  async finish(endSeconds: number): Promise<EncodedRendition> {
    let started = performance.now()
    await this.encoder.flush()
    this.encoder.close()
    this.steps.encode += performance.now() - started
    await this.muxing
    this.throwIfFailed()
    started = performance.now()
    await this.output.finalize()
    this.steps.mux += performance.now() - started
    const { files, segments } = this.collector.finish(endSeconds)
    return { name: this.rung.name, files, segments }
  }

  cancel(): void {
    if (this.encoder.state !== 'closed') this.encoder.close()
    void this.output.cancel()
  }

  private mux(add: () => Promise<void>): Promise<void> {
    this.muxing = this.muxing.then(async () => {
      const started = performance.now()
      try {
        await add()
      } catch (error) {
        this.failure ??= error instanceof Error ? error : new Error(String(error))
      }
      this.steps.mux += performance.now() - started
    })
    return this.muxing
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure
  }
}

function dequeued(encoder: VideoEncoder): Promise<void> {
  return new Promise((resolve) => encoder.addEventListener('dequeue', () => resolve(), { once: true }))
}
