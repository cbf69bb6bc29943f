// A creator's whole journey in real Chromium, against a real server and a real studio:web: sign in,
// import a generated 6 s clip, trim it to 2 s, pick a cover frame, write a caption with #hashtags,
// replace its sound with an audio file (a corrupt one is refused first, in plain words), preview
// it, encode with ffmpeg.wasm, upload with tus, see it published, and watch it in the viewer app
// with its caption and hashtags. The published audio is decoded with native ffmpeg: it must be the
// replacement's 1000 Hz tone for the reel's 2 s, not the clip's own 440 Hz.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { decodeAudio, SAMPLE_RATE, toneFrequency } from '../support/decoded-audio'
import { ensureMedia } from '../support/media'
import { signIn, studioWithServer } from '../support/studio-with-server'
import { waitUntilReelPlays } from '../support/viewer-playback'

const CAPTION = 'Hill sprints at dawn #running #sunrise'

describe('studio journey', () => {
  const env = studioWithServer('journey', { SPOOL_STUDIO_UPLOAD_POLL_MS: '200' })

  async function pickSound(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('radio', { name: 'Replace' }).click(),
    ])
    await chooser.setFiles([file])
  }

  it('imports, trims, covers, captions, replaces the sound, encodes, publishes and plays', async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
    await signIn(page, env.server.url)
    // The ffmpeg.wasm encoder, the complete path that works everywhere (test/e2e/studio-encode and
    // the WebCodecs tests cover Automatic).
    await page.getByRole('link', { name: 'Settings' }).click()
    const wasm = page.getByRole('radio', { name: /ffmpeg\.wasm/ })
    await wasm.click()
    await expect.poll(() => wasm.getAttribute('aria-checked')).toBe('true')

    // Import a generated clip and open it once its poster strip exists.
    const clip = readFileSync(await ensureMedia('portrait-1080x1920-audio-6s'))
    await page.getByRole('link', { name: 'Library' }).click()
    await page
      .getByLabel('Choose videos to import')
      .setInputFiles([{ name: 'hill-sprints.mp4', mimeType: 'video/mp4', buffer: clip }])
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.reel-poster img')].some(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    )
    await page.getByRole('link', { name: 'Open hill-sprints.mp4' }).click()
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.waitFor()
    const [id] = (await page.evaluate(() => location.hash)).match(/[0-9A-HJKMNP-TV-Z]{26}/) ?? []
    expect(id).toBeTruthy()

    // Trim: in at 1 s (30 frames at 30 fps), out 2 s later.
    await page.locator('.editor-title').click()
    for (let frame = 0; frame < 30; frame += 1) await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByLabel('Playhead').textContent()).toContain('0:01.0')
    await page.keyboard.press('i')
    for (let second = 0; second < 2; second += 1) await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('o')
    await expect.poll(() => page.getByTestId('reel-length').textContent()).toBe('2.0 s')

    // Cover: by hand, the in point plus 6 frames (33 ms each). The automatic pick that started
    // when the draft opened may finish later; the hand-picked frame must stay.
    const cover = inspector.getByRole('slider', { name: 'Cover frame' })
    await expect.poll(() => cover.getAttribute('min')).toBe('1000')
    await cover.focus()
    await page.keyboard.press('Home')
    for (let step = 0; step < 6; step += 1) await page.keyboard.press('ArrowRight')
    await expect.poll(() => cover.inputValue()).toBe('1198')
    await inspector.getByRole('button', { name: 'Auto' }).waitFor()
    await page.locator('.save-state[data-state="saved"]').waitFor()
    expect(await cover.inputValue()).toBe('1198')

    // Caption with hashtags, highlighted as typed.
    await inspector.getByLabel('Caption').fill(CAPTION)
    await expect
      .poll(() => page.getByTestId('caption-highlight').locator('mark.caption-hashtag').allTextContents())
      .toEqual(['#running', '#sunrise'])

    // Sound → Replace: a corrupt file is refused and the choice stays; a real one is taken.
    const replace = page.getByRole('radio', { name: 'Replace' })
    await pickSound(page, {
      name: 'noise.mp3',
      mimeType: 'audio/mpeg',
      buffer: readFileSync(await ensureMedia('random-bytes-mp4')),
    })
    await inspector.getByRole('alert').filter({ hasText: "isn't a sound Spool can use" }).waitFor()
    expect(await replace.getAttribute('aria-checked')).toBe('false')
    expect(await page.getByRole('radio', { name: 'Keep' }).getAttribute('aria-checked')).toBe('true')
    await screenshot(page, 'studio-journey-sound-refused')

    const tone = readFileSync(await ensureMedia('tone-1000hz-8s-mp3'))
    await pickSound(page, { name: 'metronome.mp3', mimeType: 'audio/mpeg', buffer: tone })
    await expect.poll(() => replace.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true')
    expect(await inspector.locator('.sound-file-name').textContent()).toBe('metronome.mp3')
    expect(await inspector.getByRole('alert').count()).toBe(0)

    // The preview plays the replacement with the muted video, in step.
    await page.getByRole('button', { name: 'Play' }).click()
    await page.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="replacement-sound"]')
      const video = document.querySelector<HTMLVideoElement>('.editor-stage video')
      return !!audio && !!video && !audio.paused && audio.currentTime > 0.3 && video.muted && !video.paused
    })
    const drift = await page.evaluate(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="replacement-sound"]')!
      const video = document.querySelector<HTMLVideoElement>('.editor-stage video')!
      return Math.abs(audio.currentTime - (video.currentTime - 1))
    })
    expect(drift).toBeLessThan(0.3)
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.waitForFunction(
      () => document.querySelector<HTMLAudioElement>('[data-testid="replacement-sound"]')!.paused,
    )
    await page.locator('.save-state[data-state="saved"]').waitFor()
    await screenshot(page, 'studio-journey-editor')

    // Encode, then the upload runs by itself (signed in) until the server publishes the reel.
    const panel = page.getByRole('region', { name: 'Encode & queue' })
    await panel.getByRole('button', { name: 'Encode & queue' }).click()
    // Signed in, a queued reel starts uploading at once, so wait for the badge to leave Encoding
    // (or for an error, which then reports its own sentence).
    const badge = page.locator('.editor-bar .status-badge')
    await badge.getByText('Encoding', { exact: false }).waitFor()
    await page
      .locator('.editor-bar .status-badge:not(:has-text("Encoding")), .encode-error')
      .first()
      .waitFor({ timeout: 180_000 })
    expect(await panel.locator('.encode-error').allTextContents()).toEqual([])
    await page.getByRole('link', { name: 'Uploads' }).click()
    const row = page.getByRole('listitem', { name: CAPTION })
    await row.getByText('Published').waitFor({ timeout: 90_000 })
    await screenshot(page, 'studio-journey-published')

    // The published sound is the replacement: 1000 Hz (the clip's own is 440 Hz), 2 s long.
    const samples = await decodeAudio(`${env.server.url}/media/${id}/720p/index.m3u8`)
    expect(samples.length / SAMPLE_RATE).toBeGreaterThan(1.9)
    expect(samples.length / SAMPLE_RATE).toBeLessThan(2.2)
    expect(toneFrequency(samples)).toBeGreaterThan(980)
    expect(toneFrequency(samples)).toBeLessThan(1020)

    // The viewer app plays it, with the caption and its hashtags as links.
    const viewer = await env.browser.newPage()
    const viewerErrors: string[] = []
    viewer.on('pageerror', (error) => viewerErrors.push(error.message))
    await viewer.goto(`${env.server.url}/r/${id}`)
    await waitUntilReelPlays(viewer, id!)
    const caption = viewer.locator('.reel-card[data-active="true"] .reel-caption')
    await caption.filter({ hasText: CAPTION }).waitFor()
    expect(await caption.locator('a.caption-link').allTextContents()).toEqual(['#running', '#sunrise'])
    expect(await caption.locator('a.caption-link').first().getAttribute('href')).toBe('/t/running')
    await screenshot(viewer, 'studio-journey-viewer')
    expect(viewerErrors).toEqual([])
    await viewer.close()
    // The refused sound's 415 is the one failed request this journey asks for.
    expect(errors.filter((error) => !error.includes('status of 415'))).toEqual([])
    expect(errors.filter((error) => error.includes('status of 415'))).toHaveLength(1)
  }, 300_000)
})
