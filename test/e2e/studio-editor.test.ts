// The editor in real Chromium against a real studio:web: a 6 s clip is imported and opened; the
// playhead is moved by frame steps and I/O set the trim, a handle is dragged and nudged by keys;
// a caption with #tags and @mentions is highlighted while typed, undone with Ctrl+Z and redone;
// after a reload the draft (trim, caption, frame) comes back from the core, and the Library card
// shows the caption.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { studioInChromium } from '../support/studio-e2e'

const length = (page: Page) => page.getByTestId('reel-length').textContent()
const saved = (page: Page) => page.locator('.save-state[data-state="saved"]').waitFor()

describe('studio editor', () => {
  const env = studioInChromium('spool-editor-e2e-')

  it('trims, captions with highlights, undoes, and restores the draft after a reload', async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
    const clip = readFileSync(await ensureMedia('portrait-1080x1920-audio-6s'))
    await page.getByRole('heading', { level: 2, name: 'Import a video to start' }).waitFor()
    await page
      .getByLabel('Choose videos to import')
      .setInputFiles([{ name: 'golden-hour.mp4', mimeType: 'video/mp4', buffer: clip }])
    // The poster strip is the timeline's track: let the Library make it first.
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.reel-poster img')].some(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    )
    await page.getByRole('link', { name: 'Open golden-hour.mp4' }).click()

    await page.getByRole('complementary', { name: 'Inspector' }).waitFor()
    await saved(page)
    expect(await length(page)).toBe('6.0 s')
    await expect.poll(() => page.locator('.timeline-thumbs img').count()).toBe(8)

    // 30 frames right at 30 fps is 1 s: I sets the start there. Shift+→ three times is 3 s later: O.
    await page.locator('.editor-title').click()
    for (let frame = 0; frame < 30; frame += 1) await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByLabel('Playhead').textContent()).toContain('0:01.0')
    await page.keyboard.press('i')
    await expect.poll(() => length(page)).toBe('5.0 s')
    for (let second = 0; second < 3; second += 1) await page.keyboard.press('Shift+ArrowRight')
    await expect.poll(() => page.getByLabel('Playhead').textContent()).toContain('0:04.0')
    await page.keyboard.press('o')
    await expect.poll(() => length(page)).toBe('3.0 s')

    // Dragging the end handle left shortens the reel; the handle's arrow keys nudge by 0.1 s.
    const end = page.getByRole('slider', { name: 'Trim end' })
    const box = (await end.boundingBox())!
    const track = (await page.locator('.timeline-track').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - track.width / 6, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await expect.poll(() => length(page)).toBe('2.0 s')
    await end.focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => length(page)).toBe('2.1 s')
    expect(await end.getAttribute('aria-valuenow')).toBe('3100')

    // The caption: hashtags and mentions are painted while typing, the counter counts.
    const caption = page.getByLabel('Caption')
    await caption.click()
    await page.keyboard.type('Golden hour')
    // Typed changes merge into one undo step while they come less than 500 ms apart; after a pause,
    // the rest arrives as one input (a paste), so the undo below takes back exactly that.
    await page.waitForTimeout(600)
    await caption.fill('Golden hour #sunset with @mia')
    const highlight = page.getByTestId('caption-highlight')
    await expect.poll(() => highlight.locator('mark.caption-hashtag').allTextContents()).toEqual(['#sunset'])
    expect(await highlight.locator('mark.caption-mention').allTextContents()).toEqual(['@mia'])
    expect(await page.locator('#caption-counter').textContent()).toBe('29 / 2200')

    // The frame: fit with a blurred backdrop.
    await page.getByRole('radio', { name: 'Fit, blurred' }).click()
    await expect.poll(() => page.locator('.preview-fit-blur').count()).toBe(1)
    await saved(page)
    await page.waitForFunction(() => [...document.images].every((img) => img.complete))
    await screenshot(page, 'studio-editor')

    // Ctrl+Z takes back the last step (the frame), then the caption; Shift+Ctrl+Z brings it back.
    await page.locator('.editor-title').click()
    await page.keyboard.press('Control+z')
    await expect
      .poll(() => page.getByRole('radio', { name: 'Fill' }).getAttribute('aria-checked'))
      .toBe('true')
    await page.keyboard.press('Control+z')
    await expect.poll(() => caption.inputValue()).toBe('Golden hour')
    expect(await page.locator('#caption-counter').textContent()).toBe('11 / 2200')
    expect(await page.getByTestId('caption-highlight').locator('mark').count()).toBe(0)
    expect(await length(page)).toBe('2.1 s')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => caption.inputValue()).toBe('Golden hour #sunset with @mia')
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => page.locator('.preview-fit-blur').count()).toBe(1)
    await saved(page)

    // Space plays (inside the trim), K pauses.
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Pause' }).waitFor()
    await page.keyboard.press('k')
    await page.getByRole('button', { name: 'Play' }).waitFor()

    // A reload opens the draft from the core: trim, caption and frame are all there.
    await page.reload()
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor()
    expect(await length(page)).toBe('2.1 s')
    expect(await page.getByRole('slider', { name: 'Trim start' }).getAttribute('aria-valuenow')).toBe('1000')
    expect(await page.getByLabel('Caption').inputValue()).toBe('Golden hour #sunset with @mia')
    expect(await page.getByRole('radio', { name: 'Fit, blurred' }).getAttribute('aria-checked')).toBe('true')
    expect(
      await page.getByTestId('caption-highlight').locator('mark.caption-hashtag').allTextContents(),
    ).toEqual(['#sunset'])

    // The Library shows the caption on the card.
    await page.getByRole('link', { name: 'Back to the Library' }).click()
    await page.getByRole('link', { name: 'Open Golden hour #sunset with @mia' }).waitFor()
    expect(errors).toEqual([])
  })
  it('reframes a landscape clip by dragging the fill crop window, and keeps it', async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
    const clip = readFileSync(await ensureMedia('landscape-1920x1080-audio-4s'))
    await page
      .getByLabel('Choose videos to import')
      .setInputFiles([{ name: 'city-wide.mp4', mimeType: 'video/mp4', buffer: clip }])
    await page.getByRole('link', { name: 'Open city-wide.mp4' }).click()
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor()
    await saved(page)

    // Fill crops a 9:16 window out of 16:9; it starts centred and the preview says it can move.
    const stage = page.getByRole('img', { name: 'Preview' })
    await page.getByText('Drag to reframe').waitFor()
    const position = () =>
      stage.evaluate((element) => getComputedStyle(element.querySelector('video')!).objectPosition)
    expect(await position()).toBe('50% 50%')
    const box = (await stage.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    // Dragging the picture right shows more of its left side.
    await page.mouse.move(box.x + box.width, box.y + box.height / 2, { steps: 6 })
    await page.mouse.up()
    await expect.poll(position).toMatch(/^(\d+(\.\d+)?)% 50%$/)
    const moved = Number.parseFloat(await position())
    expect(moved).toBeLessThan(50)
    await saved(page)
    await page.waitForFunction(() => [...document.images].every((img) => img.complete))
    await screenshot(page, 'studio-editor-fill-landscape')

    await page.reload()
    await page.getByRole('complementary', { name: 'Inspector' }).waitFor()
    await expect.poll(async () => Number.parseFloat(await position())).toBeCloseTo(moved, 1)
    expect(errors).toEqual([])
  })
})
