// "Encode & queue" in real Chromium against a real studio:web, once per encoder the Settings screen
// offers: a 2 s portrait clip with audio is imported, opened, and encoded into 720p and 360p fMP4
// HLS by WebCodecs ("Automatic": Chromium's OpenH264, AAC by ffmpeg.wasm) or by ffmpeg.wasm (its
// multi-thread core: the bridge makes the page cross-origin isolated); progress shows; the core
// builds package.tar, checks it and the reel becomes Queued. The tar on disk is checked again here
// with the server's own package check. encode-paths.test.ts covers the single-thread core.
import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkReelPackage } from '../../shared/node/package-check'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { studioInChromium } from '../support/studio-e2e'

const ENCODERS = [
  { choice: 'Automatic', name: 'WebCodecs', shots: 'studio-encode' },
  { choice: 'ffmpeg.wasm', name: 'ffmpeg.wasm', shots: 'studio-encode-ffmpeg' },
] as const

describe.each(ENCODERS)('studio encode ($name)', ({ choice, name, shots }) => {
  const env = studioInChromium('spool-encode-e2e-')

  it(`encodes a draft with ${name} and queues a package the server would accept`, async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
    // The WebCodecs path logs its step times: proof of which path really ran.
    const logs: string[] = []
    page.on('console', (message) => logs.push(message.text()))
    await page.getByRole('link', { name: 'Settings' }).click()
    const encoder = page.getByRole('radio', { name: choice, exact: true })
    await encoder.click()
    await expect.poll(() => encoder.getAttribute('aria-checked')).toBe('true')
    await page.getByRole('link', { name: 'Library' }).click()
    const clip = readFileSync(await ensureMedia('portrait-1080x1920-audio-2s'))
    await page.getByRole('heading', { level: 2, name: 'Import a video to start' }).waitFor()
    await page
      .getByLabel('Choose videos to import')
      .setInputFiles([{ name: 'beach-run.mp4', mimeType: 'video/mp4', buffer: clip }])
    await page.getByRole('link', { name: 'Open beach-run.mp4' }).click()

    // The editor's inspector holds the edit (saved in the draft); "Encode & queue" encodes it.
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.waitFor()
    await inspector.getByRole('radio', { name: 'Fit, black' }).click()
    await inspector.getByLabel('Caption').fill('Morning run on the beach #running @mia')
    await expect.poll(() => inspector.getByText('38 / 2200').count()).toBe(1)
    await page.locator('.save-state[data-state="saved"]').waitFor()
    await page.waitForFunction(() => [...document.images].every((img) => img.complete))
    await screenshot(page, `${shots}-panel`)
    const panel = page.getByRole('region', { name: 'Encode & queue' })

    const started = Date.now()
    await panel.getByRole('button', { name: 'Encode & queue' }).click()
    // Progress with a percentage, then the badge's percentage too.
    await panel.getByText(/Encoding \d+ %/).waitFor({ timeout: 60_000 })
    await screenshot(page, `${shots}-progress`)
    await panel.getByText('Queued for upload.', { exact: false }).waitFor({ timeout: 90_000 })
    const encodeMs = Date.now() - started
    console.log(`${name} encode of the 2 s clip (2 renditions + poster + package): ${encodeMs} ms`)
    expect(await page.locator('.editor-bar .status-badge').textContent()).toBe('Queued')
    await screenshot(page, `${shots}-queued`)

    const [id] = (await page.evaluate(() => location.hash)).match(/[0-9A-HJKMNP-TV-Z]{26}/) ?? []
    expect(id).toBeTruthy()
    const checked = await checkReelPackage(createReadStream(join(env.dataDir, 'library', id!, 'package.tar')))
    if (!checked.ok) throw new Error(`${checked.reason}: ${checked.message}`)
    expect(checked.manifest).toMatchObject({
      reelId: id,
      caption: 'Morning run on the beach #running @mia',
      width: 720,
      height: 1280,
    })
    expect(checked.manifest.renditions.map((rendition) => rendition.name)).toEqual(['720p', '360p'])
    expect(checked.manifest.renditions[0]!.codecs).toMatch(/^avc1\.(64|4d|42)[0-9a-f]{4},mp4a\.40\.2$/)
    expect(checked.manifest.durationMs).toBeGreaterThanOrEqual(1900)
    expect(logs.some((line) => line.startsWith('[encode] webcodecs steps'))).toBe(name === 'WebCodecs')
    expect(errors).toEqual([])
  })
})
