import { describe, expect, it } from 'vitest'
import { fillCropWindow } from './frame-layout'

describe('fillCropWindow', () => {
  it('crops a landscape picture to a 9:16 window centred where asked, clamped to the picture', () => {
    const centre = fillCropWindow({ frame: 'fill' }, 1920, 1080, 720, 1280)
    expect(centre.height).toBe(1080)
    expect(centre.width).toBe(608)
    expect(centre.left).toBe(656)
    expect(fillCropWindow({ frame: 'fill', cropX: 0 }, 1920, 1080, 720, 1280).left).toBe(0)
    const right = fillCropWindow({ frame: 'fill', cropX: 1 }, 1920, 1080, 720, 1280)
    expect(right.left + right.width).toBe(1920)
    expect(fillCropWindow({ frame: 'fill', cropX: 0.25 }, 1920, 1080, 720, 1280).left).toBe(176)
  })

  it('keeps the whole of a picture that already has the output aspect', () => {
    expect(fillCropWindow({ frame: 'fill', cropY: 0.9 }, 1080, 1920, 360, 640)).toEqual({
      left: 0,
      top: 0,
      width: 1080,
      height: 1920,
    })
  })
})
