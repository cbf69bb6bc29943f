// Both encode paths of the studio, in real Chromium (headless, GPU off: WebCodecs gets Chromium's
// software OpenH264 encoder; ffmpeg.wasm its multi-thread core on a cross-origin isolated page,
// the single-thread one elsewhere): the same runEncode the studio
// runs makes a package from a generated clip, and the core's assemblePackage builds the tar and
// passes it through the server's package check. Then cancels: a job stopped mid-encode sends
// nothing and the window's next job runs (ffmpeg.wasm: one core kept between jobs, dropped on
// cancel). The studio's own UI runs the same encoder in studio-encode.test.ts.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { playlistSegments } from '../../shared/reel/master-playlist'
import type { EncodeOptions, Settings } from '../../shared/rpc/contract'
import { launchChromium } from '../support/browser'
import { startEncodeHarness, type EncodeHarness } from '../support/encode-harness'
import { ensureMedia } from '../support/media'
import { run } from '../fixtures/make-media'

const options = (overrides: Partial<EncodeOptions>): EncodeOptions => ({
  frame: 'fill',
  trimStartMs: 0,
  trimEndMs: 60_000,
  coverMs: 500,
  caption: 'Two paths #encode',
  ...overrides,
})

describe('encode paths', () => {
  let harness: EncodeHarness
  let browser: Browser
  beforeAll(async () => {
    harness = await startEncodeHarness()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  // The page is cross-origin isolated like the studio's bridge (ffmpeg.wasm: multi-thread core) or
  // not (single-thread core, the fallback).
  const paths: Array<{ encoder: Settings['encoder']; isolated: boolean; name: string }> = [
    { encoder: 'webcodecs', isolated: true, name: 'webcodecs' },
    { encoder: 'ffmpeg-wasm', isolated: true, name: 'ffmpeg.wasm multi-thread' },
    { encoder: 'ffmpeg-wasm', isolated: false, name: 'ffmpeg.wasm single-thread' },
  ]
  for (const { encoder, isolated, name } of paths) {
    it(`${name}: trims, frames and packages a clip the server would accept`, async () => {
      const { page, errors, close } = await harness.openPage(browser, { isolated })
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated)
      const source = await ensureMedia('portrait-1080x1920-audio-6s')
      const result = await harness.encode(page, {
        source,
        encoder,
        options: options({ trimStartMs: 1000, trimEndMs: 4500, coverMs: 2000 }),
      })
      await close()
      console.log(
        `${name}: 3.5 s of 1080x1920 → 720p + 360p in ${Math.round(result.encodeMs)} ms`,
        result.steps ?? '',
      )
      if (!result.check.ok) throw new Error(`${result.check.reason}: ${result.check.message}`)
      expect(result.finish.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
        ['720p', 720, 1280],
        ['360p', 360, 640],
      ])
      for (const rendition of result.finish.renditions)
        expect(rendition.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/)
      expect(result.finish.durationMs).toBeGreaterThan(3300)
      expect(result.finish.durationMs).toBeLessThan(3700)
      // 2 s segments: every one but the last lasts 2 s (a key frame every 2 s).
      const playlist = await readFile(join(result.dir, '720p', 'index.m3u8'), 'utf8')
      const seconds = playlistSegments(playlist).map((segment) => segment.seconds)
      expect(seconds.length, playlist).toBe(2)
      for (const value of seconds.slice(0, -1)) expect(value).toBeCloseTo(2, 1)
      expect(result.lastPercent).toBe(100)
      // What a player sees: ffprobe reads the rendition back through its playlist, with sound.
      const streams = await run('ffprobe', [
        ...['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0'],
        join(result.dir, '360p', 'index.m3u8'),
      ])
      // (ffprobe lists an HLS input's streams once per program: hence the set.)
      expect([...new Set(streams.split('\n').filter(Boolean))].sort()).toEqual(['aac', 'h264,360,640'])
      expect((await readdir(result.dir)).sort()).toEqual(['360p', '720p', 'master.m3u8', 'poster.jpg'])
      expect(errors).toEqual([])
    })
  }

  // A landscape source: fill is a crop the encoder scales (no painting), fit-blur is painted.
  for (const frame of ['fill', 'fit-blur'] as const) {
    it(`webcodecs: ${frame} frames a landscape clip in 9:16, and muted means no audio track`, async () => {
      const { page, errors, close } = await harness.openPage(browser)
      const source = await ensureMedia('landscape-1920x1080-audio-4s')
      const result = await harness.encode(page, {
        source,
        encoder: 'webcodecs',
        options: options({ frame, cropX: 0, muted: true, trimEndMs: 3000 }),
      })
      await close()
      if (!result.check.ok) throw new Error(`${result.check.reason}: ${result.check.message}`)
      expect(result.finish.renditions[0]!.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/)
      expect(result.finish.renditions[0]).toMatchObject({ width: 720, height: 1280 })
      // The poster is the framed cover: the top rendition's size.
      const size = await run('ffprobe', [
        ...['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0'],
        join(result.dir, 'poster.jpg'),
      ])
      expect(size.trim()).toBe('720,1280')
      expect(errors).toEqual([])
    })
  }

  /** A 2 s job in the page, packaged and passing the server's check. */
  async function packaged(page: Page, encoder: Settings['encoder']) {
    const source = await ensureMedia('portrait-1080x1920-audio-2s')
    const result = await harness.encode(page, {
      source,
      encoder,
      options: options({ trimEndMs: 2000, coverMs: 500 }),
    })
    if (!result.check.ok) throw new Error(`${result.check.reason}: ${result.check.message}`)
    expect(result.lastPercent).toBe(100)
    return result
  }

  /** Cancels a 6 s job once it reports `atPercent`: it ends cancelled, mid-way, having sent nothing. */
  async function cancelMidEncode(page: Page, encoder: Settings['encoder'], atPercent: number) {
    const cancelled = await harness.encodeAndCancel(page, {
      source: await ensureMedia('portrait-1080x1920-audio-6s'),
      encoder,
      options: options({ trimEndMs: 6000 }),
      atPercent,
    })
    expect(cancelled.outcome).toBe('cancelled')
    expect(cancelled.lastPercent).toBeGreaterThanOrEqual(atPercent)
    expect(cancelled.lastPercent).toBeLessThan(100)
    expect(cancelled.staged).toEqual([])
  }

  it('ffmpeg.wasm: one core serves job after job, a cancel drops it, and the next job loads a fresh one', async () => {
    const { page, errors, close } = await harness.openPage(browser)
    // Two jobs, then the WebCodecs path's sound: all on the core loaded for the first.
    expect((await packaged(page, 'ffmpeg-wasm')).coresLoaded).toBe(1)
    const second = await packaged(page, 'ffmpeg-wasm')
    expect(second.coresLoaded).toBe(1)
    // What the first job left in ffmpeg's file system is gone: the second made a whole package.
    expect((await readdir(join(second.dir, '720p'))).sort()).toEqual(['index.m3u8', 'init.mp4', 'seg000.m4s'])
    expect((await packaged(page, 'webcodecs')).coresLoaded).toBe(1)

    await cancelMidEncode(page, 'ffmpeg-wasm', 5)
    expect((await packaged(page, 'ffmpeg-wasm')).coresLoaded).toBe(2)
    await close()
    expect(errors).toEqual([])
  })

  it('webcodecs: a job cancelled mid-encode sends nothing, and the next job in the window runs', async () => {
    const { page, errors, close } = await harness.openPage(browser)
    await cancelMidEncode(page, 'webcodecs', 10)
    await packaged(page, 'webcodecs')
    await close()
    expect(errors).toEqual([])
  })
})
