import { describe, expect, it } from 'vitest'
import { coverCandidates, laplacianVariance, sharpestIndex, type Pixels } from './sharpness'

function image(width: number, height: number, grey: (x: number, y: number) => number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4
      data.fill(grey(x, y), at, at + 3)
      data[at + 3] = 255
    }
  return { data, width, height }
}

const checker = image(32, 32, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? 255 : 0))
// The same pattern, smoothed: a soft ramp between squares instead of hard edges.
const blurred = image(32, 32, (x, y) => 128 + 100 * Math.sin((x * Math.PI) / 4) * Math.sin((y * Math.PI) / 4))

describe('sharpness', () => {
  it('is zero for a flat image and for one too small to have an interior', () => {
    expect(laplacianVariance(image(16, 16, () => 90))).toBe(0)
    expect(laplacianVariance(image(2, 2, (x) => x * 255))).toBe(0)
  })

  it('scores hard edges above soft ones, so the sharp frame is picked', () => {
    expect(laplacianVariance(checker)).toBeGreaterThan(laplacianVariance(blurred) * 5)
    expect(sharpestIndex([blurred, image(32, 32, () => 10), checker, blurred])).toBe(2)
  })

  it('spreads candidates over the trimmed range without its ends', () => {
    expect(coverCandidates(1000, 5000, 4)).toEqual([1500, 2500, 3500, 4500])
  })
})
