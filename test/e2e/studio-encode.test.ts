// "Encode & queue" in real Chromium against a real studio:web: a 2 s portrait clip with audio is
// imported, opened, and encoded by ffmpeg.wasm (single-thread core, bundled with the renderer) into
// 720p and 360p fMP4 HLS; progress shows; the core builds package.tar, checks it and the reel
// becomes Queued. The tar on disk is checked again here with the server's own package check.
import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkReelPackage } from '../../shared/node/package-check'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { studioInChromium } from '../support/studio-e2e'

describe('studio encode', () => {
  const env = studioInChromium('spool-encode-e2e-')

  it('encodes a draft with ffmpeg.wasm and queues a package the server would accept', async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
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
    await screenshot(page, 'studio-encode-panel')
    const panel = page.getByRole('region', { name: 'Encode & queue' })

    const started = Date.now()
    await panel.getByRole('button', { name: 'Encode & queue' }).click()
    // Progress with a percentage, then the badge's percentage too.
    await panel.getByText(/Encoding \d+ %/).waitFor({ timeout: 60_000 })
    await screenshot(page, 'studio-encode-progress')
    await panel.getByText('Queued for upload.', { exact: false }).waitFor({ timeout: 90_000 })
    const encodeMs = Date.now() - started
    console.log(`ffmpeg.wasm encode of the 2 s clip (load + 2 renditions + poster + package): ${encodeMs} ms`)
    expect(await page.locator('.editor-bar .status-badge').textContent()).toBe('Queued')
    await screenshot(page, 'studio-encode-queued')

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
    expect(checked.manifest.renditions[0]!.codecs).toMatch(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/)
    expect(checked.manifest.durationMs).toBeGreaterThanOrEqual(1900)
    expect(errors).toEqual([])
  })
})
