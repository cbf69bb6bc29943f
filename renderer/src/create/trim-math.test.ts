import { describe, expect, it } from 'vitest'
import { cropWindow, frameSeekSeconds, frameStartMs, moveTrimEdge, stepFrame, trimProblem } from './trim-math'

const bounds = { durationMs: 6000, minMs: 1000, maxMs: 4000 }

describe('trim handles', () => {
  it('moves an edge freely inside the limits', () => {
    expect(moveTrimEdge({ inMs: 0, outMs: 4000 }, 'in', 1500, bounds)).toEqual({ inMs: 1500, outMs: 4000 })
    expect(moveTrimEdge({ inMs: 1000, outMs: 4000 }, 'out', 3000, bounds)).toEqual({
      inMs: 1000,
      outMs: 3000,
    })
  })

  it('stops at the minimum and maximum length and at the video’s ends', () => {
    expect(moveTrimEdge({ inMs: 0, outMs: 4000 }, 'in', 3900, bounds).inMs).toBe(3000)
    expect(moveTrimEdge({ inMs: 2000, outMs: 6000 }, 'in', 0, bounds).inMs).toBe(2000)
    expect(moveTrimEdge({ inMs: 1000, outMs: 3000 }, 'out', 9000, bounds).outMs).toBe(5000)
    expect(moveTrimEdge({ inMs: 3000, outMs: 6000 }, 'out', 9000, bounds).outMs).toBe(6000)
    expect(moveTrimEdge({ inMs: 1000, outMs: 3000 }, 'out', 0, bounds).outMs).toBe(2000)
    expect(moveTrimEdge({ inMs: 500, outMs: 3000 }, 'in', -50, bounds).inMs).toBe(0)
  })

  it('keeps in before out even for a clip shorter than the minimum, and says why it cannot be a reel', () => {
    const short = { durationMs: 600, minMs: 1000, maxMs: 4000 }
    const moved = moveTrimEdge({ inMs: 0, outMs: 600 }, 'out', 100, short)
    expect(moved.outMs).toBeGreaterThan(moved.inMs)
    expect(trimProblem({ inMs: 0, outMs: 600 }, short)).toMatch(/at least 1 s/)
  })

  it('names the problem when the trimmed reel is out of range', () => {
    expect(trimProblem({ inMs: 0, outMs: 4000 }, bounds)).toBeNull()
    expect(trimProblem({ inMs: 0, outMs: 500 }, bounds)).toMatch(/^Too short/)
    expect(trimProblem({ inMs: 0, outMs: 5000 }, bounds)).toMatch(/^Too long: reels are at most 4 s/)
  })
})

describe('frame stepping', () => {
  it('steps on the frame grid and stays inside the video', () => {
    expect(stepFrame(0, 1, 30, 6000)).toBe(33)
    expect(stepFrame(1000, -1, 30, 6000)).toBe(967)
    expect(stepFrame(1010, 1, 30, 6000)).toBe(1033)
    expect(stepFrame(10, -1, 30, 6000)).toBe(0)
    expect(stepFrame(5990, 1, 30, 6000)).toBe(5967)
    expect(stepFrame(0, 1, 25, 6000)).toBe(40)
  })

  it('seeks to the middle of a frame and reads the frame start back, so steps never drift', () => {
    expect(frameSeekSeconds(1000, 25)).toBeCloseTo(1.02)
    let ms = 0
    for (let step = 0; step < 45; step += 1)
      ms = frameStartMs(frameSeekSeconds(stepFrame(ms, 1, 30, 6000), 30), 30)
    expect(ms).toBe(1500)
    expect(frameStartMs(0.1, 30)).toBe(100)
  })
})

describe('crop window', () => {
  it('crops a landscape frame horizontally, centred where asked, and stops at the edges', () => {
    const centred = cropWindow(1920, 1080, 0.5, 0.5)
    expect(centred.width).toBeCloseTo(0.3164, 3)
    expect(centred).toMatchObject({ height: 1, offsetX: 0.5, offsetY: 0.5 })
    expect(cropWindow(1920, 1080, 0, 0.5).offsetX).toBe(0)
    expect(cropWindow(1920, 1080, 1, 0.5).offsetX).toBe(1)
    expect(cropWindow(1920, 1080, 0.25, 0.5).offsetX).toBeCloseTo((0.25 - 0.3164 / 2) / (1 - 0.3164), 3)
  })

  it('leaves a 9:16 frame whole (centred, since nothing moves) and crops a square one to 9:16', () => {
    expect(cropWindow(1080, 1920, 0.1, 0.9)).toEqual({ width: 1, height: 1, offsetX: 0.5, offsetY: 0.5 })
    const square = cropWindow(1000, 1000, 0.5, 0.5)
    expect(square.width).toBeCloseTo(0.5625)
    expect(square.height).toBe(1)
  })
})

describe('crop window of a very tall frame', () => {
  it('crops a frame taller than 9:16 vertically', () => {
    const tall = cropWindow(1000, 2500, 0.5, 0)
    expect(tall.width).toBe(1)
    expect(tall.height).toBeCloseTo(0.7111, 3)
    expect(tall.offsetY).toBe(0)
  })
})
