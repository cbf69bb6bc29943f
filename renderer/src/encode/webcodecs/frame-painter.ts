// Turns decoded source frames into one rendition's 9:16 frames. Fill (and any framing of a picture
// that already has the rendition's aspect) on an unrotated source takes the fast path: the crop is a
// VideoFrame visibleRect (no copy) and the encoder scales (Chromium does that natively; a software
// canvas took ~50 ms a frame with the GPU off). Otherwise frames are painted into a canvas: fill
// crops the creator's window, fit letterboxes on black, fit-blur over a blurred, filled copy of
// the same frame. mediabunny's drawWithFit applies the source's rotation, so this works on the
// displayed picture like ffmpeg's autorotate and the editor's preview.
import type { VideoSample } from 'mediabunny'
import { fillCropWindow, type Framing } from './frame-layout'

/** The blurred backdrop is drawn this many times smaller, then stretched back: a cheap, soft blur. */
const BACKDROP_SHRINK = 16

export class FramePainter {
  readonly canvas: OffscreenCanvas
  private readonly context: OffscreenCanvasRenderingContext2D
  private readonly backdrop: OffscreenCanvasRenderingContext2D | null

  constructor(
    private readonly framing: Framing,
    readonly width: number,
    readonly height: number,
  ) {
    this.canvas = new OffscreenCanvas(width, height)
    this.context = context2d(this.canvas)
    this.backdrop =
      framing.frame === 'fit-blur'
        ? context2d(
            new OffscreenCanvas(
              Math.max(2, Math.round(width / BACKDROP_SHRINK)),
              Math.max(2, Math.round(height / BACKDROP_SHRINK)),
            ),
          )
        : null
  }

  /** The rendition's frame for this sample; the caller closes it. */
  frame(sample: VideoSample, timestamp: number, duration: number): VideoFrame {
    const crop = this.fastCrop(sample)
    if (crop) {
      const source = sample.toVideoFrame()
      try {
        return new VideoFrame(source, { visibleRect: crop, timestamp, duration })
      } finally {
        source.close()
      }
    }
    this.paint(sample)
    return new VideoFrame(this.canvas, { timestamp, duration })
  }

  /** The source rectangle to hand the encoder as is, when no painting is needed. */
  private fastCrop(sample: VideoSample): DOMRectInit | null {
    const { width, height } = this
    if (sample.rotation !== 0 || sample.flip) return null
    const sameAspect = Math.abs(sample.displayWidth * height - sample.displayHeight * width) <= width
    if (this.framing.frame !== 'fill' && !sameAspect) return null
    // Non-square pixels would need a scale the crop cannot express.
    const visible = sample.visibleRect
    if (sample.displayWidth !== visible.width || sample.displayHeight !== visible.height) return null
    const crop = fillCropWindow(this.framing, visible.width, visible.height, width, height)
    // 4:2:0 chroma: the visible rectangle must start and span on even pixels.
    const even = (value: number) => value - (value % 2)
    return {
      x: even(visible.left + crop.left),
      y: even(visible.top + crop.top),
      width: even(crop.width),
      height: even(crop.height),
    }
  }

  paint(sample: VideoSample): void {
    const { context, width, height } = this
    if (this.framing.frame === 'fill') {
      const crop = fillCropWindow(this.framing, sample.displayWidth, sample.displayHeight, width, height)
      sample.drawWithFit(context, { fit: 'fill', crop })
      return
    }
    if (this.backdrop) {
      sample.drawWithFit(this.backdrop, { fit: 'cover' })
      context.drawImage(this.backdrop.canvas, 0, 0, width, height)
    } else {
      context.fillStyle = '#000'
      context.fillRect(0, 0, width, height)
    }
    sample.drawWithFit(context, { fit: 'contain' })
  }
}

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { alpha: false })
  if (!context) throw new Error('This browser cannot draw video frames into a canvas')
  context.imageSmoothingQuality = 'high'
  return context
}
