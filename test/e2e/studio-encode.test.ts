// "Encode & queue" in real Chromium against a real studio:web, once per encoder the Settings screen
// offers: a 2 s portrait clip with audio is imported, opened, and encoded into 720p and 360p fMP4
// HLS by WebCodecs ("Automatic": Chromium's OpenH264, AAC by ffmpeg.wasm) or by ffmpeg.wasm (its
// multi-thread core: the bridge makes the page cross-origin isolated); progress shows; the core
// builds package.tar, checks it and the reel becomes Queued. The tar on disk is checked again here
// with the server's own package check. Then an encode is cancelled mid-way: the job ends cancelled,
// no package file is left, and the next encode of the same draft runs to the end.
// encode-paths.test.ts covers the single-thread core.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { checkReelPackage } from '../../shared/node/package-check'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia, type MediaName } from '../support/media'
import { studioInChromium } from '../support/studio-e2e'
import { connectStudioWeb } from '../support/studio-web'

const ENCODERS = [
  { choice: 'Automatic', name: 'WebCodecs', shots: 'studio-encode' },
  { choice: 'ffmpeg.wasm', name: 'ffmpeg.wasm', shots: 'studio-encode-ffmpeg' },
] as const

/** Settings → Encoder, then back to the Library. */
async function chooseEncoder(page: Page, choice: (typeof ENCODERS)[number]['choice']) {
  await page.getByRole('link', { name: 'Settings' }).click()
  const encoder = page.getByRole('radio', { name: choice, exact: true })
  await encoder.click()
  await expect.poll(() => encoder.getAttribute('aria-checked')).toBe('true')
  await page.getByRole('link', { name: 'Library' }).click()
}

/** Imports a generated clip under `fileName` and opens it in the editor; answers the reel's id. */
async function importAndOpen(page: Page, fileName: string, media: MediaName): Promise<string> {
  const clip = readFileSync(await ensureMedia(media))
  await page
    .getByLabel('Choose videos to import')
    .setInputFiles([{ name: fileName, mimeType: 'video/mp4', buffer: clip }])
  await page.getByRole('link', { name: `Open ${fileName}` }).click()
  await page.getByRole('complementary', { name: 'Inspector' }).waitFor()
  const [id] = (await page.evaluate(() => location.hash)).match(/[0-9A-HJKMNP-TV-Z]{26}/) ?? []
  expect(id).toBeTruthy()
  return id!
}

describe.each(ENCODERS)('studio encode ($name)', ({ choice, name, shots }) => {
  const env = studioInChromium('spool-encode-e2e-')

  it(`encodes a draft with ${name} and queues a package the server would accept`, async () => {
    const { context, page, errors } = await openPage(env.browser, env.studio.ready)
    // The WebCodecs path logs its step times: proof of which path really ran.
    const logs: string[] = []
    page.on('console', (message) => logs.push(message.text()))
    await chooseEncoder(page, choice)
    await page.getByRole('heading', { level: 2, name: 'Import a video to start' }).waitFor()
    const id = await importAndOpen(page, 'beach-run.mp4', 'portrait-1080x1920-audio-2s')

    // The editor's inspector holds the edit (saved in the draft); "Encode & queue" encodes it.
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
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

    const checked = await checkReelPackage(createReadStream(join(env.dataDir, 'library', id, 'package.tar')))
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
    // One studio window at a time: the next test's window runs the encoder.
    await context.close()
  })

  it(`cancels a ${name} encode mid-way: the job ends cancelled, nothing is left, the next one runs`, async () => {
    const { context, page, errors } = await openPage(env.browser, env.studio.ready)
    const core = await connectStudioWeb(env.studio)
    try {
      await chooseEncoder(page, choice)
      const id = await importAndOpen(page, 'long-run.mp4', 'portrait-1080x1920-audio-6s')
      await page.locator('.save-state[data-state="saved"]').waitFor()
      const panel = page.getByRole('region', { name: 'Encode & queue' })
      await panel.getByRole('button', { name: 'Encode & queue' }).click()
      // Mid-way: the encoder has reported progress, and is far from done.
      await panel.getByText(/Encoding ([1-9]|[1-5]\d) %/).waitFor({ timeout: 60_000 })
      await panel.getByRole('button', { name: 'Cancel encoding' }).click()
      await panel.getByRole('button', { name: 'Encode & queue' }).waitFor()
      const { job } = await core.call<{ job: { id: string; state: string } }>('encode.latest', { id })
      expect(job.state).toBe('cancelled')
      // Long enough for a straggling file from the stopped encoder to have arrived, if one could.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const reelDir = join(env.dataDir, 'library', id)
      expect(existsSync(join(reelDir, 'package'))).toBe(false)
      expect(readdirSync(reelDir).filter((file) => file.startsWith('package'))).toEqual([])
      await expect.poll(() => page.locator('.editor-bar .status-badge').textContent()).toBe('Draft')

      // The next encode runs to the end (for ffmpeg.wasm: on a freshly loaded core).
      await panel.getByRole('button', { name: 'Encode & queue' }).click()
      await panel.getByText('Queued for upload.', { exact: false }).waitFor({ timeout: 120_000 })
      const next = await core.call<{ job: { id: string; state: string } }>('encode.latest', { id })
      expect(next.job.id).not.toBe(job.id)
      expect(next.job.state).toBe('done')
      const checked = await checkReelPackage(createReadStream(join(reelDir, 'package.tar')))
      if (!checked.ok) throw new Error(`${checked.reason}: ${checked.message}`)
      expect(checked.manifest.durationMs).toBeGreaterThan(5500)
      expect(errors).toEqual([])
    } finally {
      core.close()
      await context.close()
    }
  })
})
