// The WebCodecs encode of a reel's video: the source is demuxed and decoded ONCE (mediabunny over
// WebCodecs' VideoDecoder), every decoded frame of the trimmed range is framed in 9:16 once, at the
// top rung's size, and that frame feeds every rung's encoder (they scale it natively and run side
// by side); the cover frame is painted into the poster on the way past. Runs in a Worker (ladder.worker.ts) so painting never blocks the studio's UI.
import { ALL_FORMATS, BufferSource, Input, VideoSampleSink, type VideoSample } from 'mediabunny'
import { supportedAvcCodec } from './avc-encoder-config'
import { FramePainter } from './frame-painter'
import type { EncodedAudioTrack, LadderRequest, LadderResult, StepTimes } from './ladder-types'
import { RungEncoder } from './rung-encoder'

/** Segments are 2 s: a key frame at the first frame at or after every multiple of 2 s. */
const KEY_FRAME_EVERY_S = 2
const POSTER_QUALITY = 0.9

export async function encodeLadder(
  request: LadderRequest,
  audio: Promise<EncodedAudioTrack[]> | null,
  onProgress: (fraction: number) => void,
): Promise<LadderResult> {
  const steps: StepTimes = { decode: 0, scale: 0, encode: 0, mux: 0 }
  const input = new Input({ source: new BufferSource(request.source), formats: ALL_FORMATS })
  const track = await input.getPrimaryVideoTrack()
  if (!track) throw new Error('The source has no video track')
  if (!(await track.canDecode()))
    throw new Error(`This browser cannot decode the source's ${track.codec ?? 'unknown'} video`)
  const top = request.rungs[0]!
  const codec = await supportedAvcCodec(top.width, top.height, top.bitrateKbps)
  if (!codec) throw new Error('This browser offers no H.264 encoder to WebCodecs')

  const rungs = request.rungs.map((rung) => new RungEncoder(rung, codec, audio !== null, steps))
  try {
    await Promise.all(rungs.map((rung) => rung.start()))
    // The sound is encoded elsewhere meanwhile; it joins the muxers whenever it is ready.
    const audioAdded = audio?.then((tracks) =>
      Promise.all(rungs.map((rung, index) => rung.addAudio(tracks[index]!))),
    )
    audioAdded?.catch(() => {})
    const startS = request.trimStartMs / 1000
    const endS = request.trimEndMs / 1000
    const coverS = Math.min(Math.max(request.coverMs / 1000, startS), endS)
    const framer = new FramePainter(request.framing, top.width, top.height)
    const posterPainter = new FramePainter(request.framing, request.poster.width, request.poster.height)
    let poster: Promise<Blob> | null = null
    let nextKeyS = 0
    let lastEndS = 0
    const samples = new VideoSampleSink(track).samples(startS, endS)
    for (;;) {
      const started = performance.now()
      const next = await samples.next()
      steps.decode += performance.now() - started
      if (next.done) break
      const sample: VideoSample = next.value
      try {
        // Only the first sample can start before the trim (it is the frame showing at trim in).
        const atS = Math.max(0, sample.timestamp - startS)
        const keyFrame = atS >= nextKeyS - 1e-6
        while (nextKeyS <= atS + 1e-6) nextKeyS += KEY_FRAME_EVERY_S
        const timestampUs = Math.round(atS * 1e6)
        const durationUs = Math.max(1, Math.round(sample.duration * 1e6))
        lastEndS = Math.min(endS - startS, atS + sample.duration)
        const framed = performance.now()
        const frame = framer.frame(sample, timestampUs, durationUs)
        steps.scale += performance.now() - framed
        try {
          await Promise.all(rungs.map((rung) => rung.add(frame, keyFrame)))
        } finally {
          frame.close()
        }
        if (!poster && sample.timestamp + sample.duration > coverS) {
          posterPainter.paint(sample)
          poster = posterPainter.canvas.convertToBlob({ type: 'image/jpeg', quality: POSTER_QUALITY })
        }
      } finally {
        sample.close()
      }
      onProgress(lastEndS / (endS - startS))
    }
    if (!poster || lastEndS <= 0) throw new Error('The source has no video frames in the trimmed range')
    await audioAdded
    const renditions = await Promise.all(rungs.map((rung) => rung.finish(lastEndS)))
    return {
      renditions,
      poster: new Uint8Array(await (await poster).arrayBuffer()),
      durationMs: Math.round(lastEndS * 1000),
      steps,
      encoderCodec: codec,
    }
  } catch (error) {
    for (const rung of rungs) rung.cancel()
    throw error
  } finally {
    input.dispose()
  }
}
