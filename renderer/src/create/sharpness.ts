// Picks a cover automatically: the sharpest of several candidate frames, sharpness being the
// variance of the Laplacian of the grey image (motion blur and out-of-focus frames have weak
// edges, so their Laplacian is flat). Pure functions on ImageData-shaped pixels.

export interface Pixels {
  data: Uint8ClampedArray
  width: number
  height: number
}

/** Variance of the 4-neighbour Laplacian over the interior pixels; 0 for a flat image. */
export function laplacianVariance({ data, width, height }: Pixels): number {
  if (width < 3 || height < 3) return 0
  const grey = new Float32Array(width * height)
  for (let index = 0; index < grey.length; index += 1) {
    const at = index * 4
    grey[index] = 0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!
  }
  let sum = 0
  let sumSquares = 0
  let count = 0
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const index = y * width + x
      const value =
        4 * grey[index]! - grey[index - 1]! - grey[index + 1]! - grey[index - width]! - grey[index + width]!
      sum += value
      sumSquares += value * value
      count += 1
    }
  }
  const mean = sum / count
  return sumSquares / count - mean * mean
}

/** Evenly spaced candidate times inside the trim, avoiding its very first and last frames. */
export function coverCandidates(inMs: number, outMs: number, count = 8): number[] {
  const length = outMs - inMs
  return Array.from({ length: count }, (_, index) => Math.round(inMs + (length * (index + 0.5)) / count))
}

/** Index of the sharpest image; the earliest wins a tie. */
export function sharpestIndex(images: readonly Pixels[]): number {
  let best = 0
  let bestScore = -1
  images.forEach((image, index) => {
    const score = laplacianVariance(image)
    if (score > bestScore) {
      best = index
      bestScore = score
    }
  })
  return best
}
