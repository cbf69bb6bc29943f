// Where the displayed source picture goes in a 9:16 rendition, for the WebCodecs encoder's canvas.
// The same framing as the ffmpeg path (encode-plan.ts frameFilter) and the editor's preview: fill
// crops a window of the output's aspect centred on cropX/cropY where it can be, clamped to the
// picture. Pure, so it is tested without a browser.
import type { EncodeOptions } from '../../../../shared/rpc/contract'

export interface Rect {
  left: number
  top: number
  width: number
  height: number
}

export type Framing = Pick<EncodeOptions, 'frame' | 'cropX' | 'cropY'>

/** The part of a width x height picture that fill shows in an outWidth x outHeight frame. */
export function fillCropWindow(
  framing: Framing,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Rect {
  const scale = Math.max(outWidth / width, outHeight / height)
  // Whole source pixels: the canvas draw takes integer crops, and a pixel is below what shows.
  const windowWidth = Math.min(width, Math.round(outWidth / scale))
  const windowHeight = Math.min(height, Math.round(outHeight / scale))
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max)
  return {
    left: Math.round(clamp((framing.cropX ?? 0.5) * width - windowWidth / 2, width - windowWidth)),
    top: Math.round(clamp((framing.cropY ?? 0.5) * height - windowHeight / 2, height - windowHeight)),
    width: windowWidth,
    height: windowHeight,
  }
}
