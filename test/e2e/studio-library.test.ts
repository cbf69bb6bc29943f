// The Library in real Chromium against a real studio:web: import generated clips through the file
// input, see their cards with durations, names and poster images made by the browser; a corrupt
// file is explained and adds nothing; search filters; delete asks first and removes the files;
// opening a card shows the draft. Screenshots of the Library for people to look at.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia, type MediaName } from '../support/media'
import { studioInChromium } from '../support/studio-e2e'

async function clip(media: MediaName, name: string) {
  return { name, mimeType: 'video/mp4', buffer: readFileSync(await ensureMedia(media)) }
}

const cards = (page: Page) => page.getByRole('list', { name: 'Library items' }).getByRole('listitem')
const card = (page: Page, name: string) =>
  cards(page).filter({ has: page.getByRole('link', { name: `Open ${name}` }) })

/** Posters whose image really decoded (not just an <img> tag pointing somewhere). */
const loadedPosters = (page: Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLImageElement>('.reel-poster img')].filter(
        (img) => img.complete && img.naturalWidth > 0,
      ).length,
  )

describe('studio library', () => {
  const env = studioInChromium('spool-library-e2e-')

  it('imports, explains a corrupt file, searches, deletes and opens', async () => {
    const { page, errors, context } = await openPage(env.browser, env.studio.ready)
    const libraryFolders = () => readdirSync(join(env.dataDir, 'library'))
    const fileInput = page.getByLabel('Choose videos to import')

    await page.getByRole('heading', { level: 2, name: 'Import a video to start' }).waitFor()

    // Two clips at once through the file input (the browser's "Import videos" dialog).
    await fileInput.setInputFiles([
      await clip('portrait-1080x1920-audio-2s', 'beach-sunset.mp4'),
      await clip('landscape-1920x1080-audio-4s', 'city-timelapse.mp4'),
    ])
    await card(page, 'beach-sunset.mp4').waitFor()
    await card(page, 'city-timelapse.mp4').waitFor()
    expect(await card(page, 'beach-sunset.mp4').getByText('0:02', { exact: true }).count()).toBe(1)
    expect(await card(page, 'city-timelapse.mp4').getByText('0:04', { exact: true }).count()).toBe(1)
    expect(await card(page, 'beach-sunset.mp4').getByText('Draft').count()).toBe(1)
    expect(await card(page, 'city-timelapse.mp4').getByText('1920×1080', { exact: false }).count()).toBe(1)

    // The renderer decodes each video and stores a poster strip; the cards then show real frames.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('.reel-poster img')].filter(
          (img) => img.complete && img.naturalWidth > 0,
        ).length === 2,
      undefined,
      { timeout: 30_000 },
    )
    const [first] = libraryFolders()
    expect(readdirSync(join(env.dataDir, 'library', first!, 'thumbs'))).toHaveLength(8)

    // A file that is not a video: a clear message, no card, no files.
    await fileInput.setInputFiles([await clip('random-bytes-mp4', 'holiday-final.mp4')])
    const failure = page.getByRole('alert').filter({ hasText: "This file isn't a video Spool can read" })
    await failure.waitFor()
    expect(await cards(page).count()).toBe(2)
    expect(libraryFolders()).toHaveLength(2)
    await page.getByRole('region', { name: 'Imports' }).getByText('holiday-final.mp4').hover()
    await screenshot(page, 'studio-library-import-error')
    await page.getByRole('button', { name: 'Dismiss holiday-final.mp4' }).click()
    await failure.waitFor({ state: 'detached' })

    // Two more, so the grid looks like a creator's library (no audio, a longer clip).
    await fileInput.setInputFiles([
      await clip('portrait-noaudio-3s', 'studio-b-roll.mp4'),
      await clip('portrait-15s', 'morning-routine.mp4'),
    ])
    await card(page, 'morning-routine.mp4').waitFor()
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('.reel-poster img')].filter(
          (img) => img.complete && img.naturalWidth > 0,
        ).length === 4,
      undefined,
      { timeout: 30_000 },
    )
    expect(await card(page, 'morning-routine.mp4').getByText('0:15', { exact: true }).count()).toBe(1)
    expect(await card(page, 'studio-b-roll.mp4').getByLabel('No audio').count()).toBe(1)
    // Let the "Imported" rows leave and park the pointer away from the cards.
    await page.getByRole('region', { name: 'Imports' }).waitFor({ state: 'detached', timeout: 10_000 })
    await page.getByRole('heading', { level: 1, name: 'Library' }).hover()
    await screenshot(page, 'studio-library')

    // Search by file name (no caption yet), case-insensitive.
    const search = page.getByRole('searchbox', { name: 'Search the library' })
    await search.fill('CITY')
    await expect.poll(() => cards(page).count()).toBe(1)
    await card(page, 'city-timelapse.mp4').waitFor()
    await search.fill('nothing like this')
    await page.getByText('No videos match this search.').waitFor()
    await search.fill('')
    await expect.poll(() => cards(page).count()).toBe(4)

    // Status filter: everything is a draft for now.
    await page.getByRole('button', { name: 'Published' }).click()
    await page.getByText('No videos match this search.').waitFor()
    await page.getByRole('button', { name: 'Draft' }).click()
    await expect.poll(() => cards(page).count()).toBe(4)
    await page.getByRole('button', { name: 'All' }).click()

    // Delete asks first; Cancel keeps it, Delete removes the card and its folder.
    await card(page, 'beach-sunset.mp4').hover()
    await page.getByRole('button', { name: 'Delete beach-sunset.mp4' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Delete “beach-sunset.mp4”?' })
    await dialog.waitFor()
    await screenshot(page, 'studio-library-delete')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await cards(page).count()).toBe(4)
    await card(page, 'beach-sunset.mp4').hover()
    await page.getByRole('button', { name: 'Delete beach-sunset.mp4' }).click()
    await dialog.getByRole('button', { name: 'Delete' }).click()
    // While the modal is open Radix hides the rest of the page from the accessibility tree, so the
    // cards can only be counted once it has closed.
    await dialog.waitFor({ state: 'detached' })
    await card(page, 'beach-sunset.mp4').waitFor({ state: 'detached' })
    expect(await cards(page).count()).toBe(3)
    expect(libraryFolders()).toHaveLength(3)
    expect(await loadedPosters(page)).toBe(3)

    // Open: the editor shows the draft, trimmed to the whole 4 s clip to begin with.
    await page.getByRole('link', { name: 'Open city-timelapse.mp4' }).click()
    await page.getByRole('heading', { level: 1, name: 'city-timelapse.mp4' }).waitFor()
    await expect.poll(() => page.getByTestId('reel-length').textContent()).toBe('4.0 s')
    await screenshot(page, 'studio-create-draft')

    // Chromium logs every non-2xx fetch as a console error; the refused import's 415 is expected.
    expect(errors.filter((error) => !error.includes('status of 415'))).toEqual([])
    await context.close()
  })
})
