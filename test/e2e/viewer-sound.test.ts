// Sounds in the viewer app, in Chromium against the real server, signed out: a reel shows the
// sound it uses and links to the sound's page, which lists every reel using it (the source first)
// and offers "Use this sound" as a spool:// link that the studio parses back to this server and
// sound; trending sounds on the search page lead there too. Titles with markup stay text; an
// unknown sound and one whose reel was removed say so.
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { join } from 'node:path'
import { ulid } from 'ulid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUseSoundLink } from '../../shared/api/studio-links'
import { launchChromium, openPage, screenshot } from '../support/browser'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer, type TestServer } from '../support/server'

const PHONE = { width: 390, height: 844 }
const SOUND_TITLE = 'Beat <b>drop</b> <img src=x onerror="window.pwned=1">'

let server: TestServer
let browser: Browser
let source: string // ana's reel, whose sound is original
let reuse: string // leo's reel using ana's sound

beforeAll(async () => {
  server = await startTestServer()
  const ana = await register(server.url, 'ana')
  const leo = await register(server.url, 'leo')
  source = await publishTestReel(server.url, ana, 'The original #beat', {
    sound: { title: SOUND_TITLE, sourceReelId: null },
  })
  reuse = await publishTestReel(server.url, leo, 'My take on it #beat', {
    sound: { title: SOUND_TITLE, sourceReelId: source },
  })
  // Before anything asks for trending (the server keeps its lists a minute): makes the sound trend.
  expect((await api(server.url, 'PUT', `/api/reels/${reuse}/like`, { token: ana })).status).toBe(200)
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The sound page as a viewer sees it: title as text, creator, count, the grid, the studio link. */
async function expectSoundPage(page: Page) {
  await page.getByRole('heading', { name: SOUND_TITLE }).waitFor()
  expect(new URL(page.url()).pathname).toBe(`/s/${source}`)
  const header = page.locator('.sound-header')
  await expect(header.getByRole('link', { name: '@ana', exact: true }).getAttribute('href')).resolves.toBe(
    '/@ana',
  )
  await expect(header.locator('[data-count="reels"]').textContent()).resolves.toBe('2 reels')
  const grid = page.locator('.poster-grid a')
  await expect(grid.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).resolves.toEqual([
    `/r/${source}`,
    `/r/${reuse}`,
  ])
  const use = page.getByRole('link', { name: 'Use this sound' })
  const href = await use.getAttribute('href')
  expect(href).toMatch(/^spool:\/\/use-sound\?/)
  expect(parseUseSoundLink(href!)).toEqual({ server: new URL(page.url()).origin, sound: source })
  await page.getByText('Opens Spool Studio on this computer').waitFor()
  // The markup in the title never became elements.
  await expect(page.locator('main b').count()).resolves.toBe(0)
  await expect(page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).resolves.toBeUndefined()
}

describe('sounds in the viewer app', () => {
  it("goes from a reel's sound line to the sound's page", async () => {
    const { context, page, errors } = await openPage(browser, `${server.url}/r/${reuse}`)
    try {
      const card = page.locator(`.reel-card[data-reel-id="${reuse}"]`)
      const line = card.locator('.reel-sound')
      await line.waitFor()
      await expect(line.textContent()).resolves.toBe(`${SOUND_TITLE} · @ana`)
      await expect(line.locator('img').count()).resolves.toBe(0)
      await screenshot(page, 'viewer-reel-sound-line-desktop')
      // An in-app navigation: the page is not reloaded.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7))
      await line.click()
      await expectSoundPage(page)
      await expect(page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(7)
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('main img')].every((img) => img.naturalWidth > 0),
      )
      await screenshot(page, 'viewer-sound-desktop')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('opens the sound page from a link and from trending sounds, on a phone', async () => {
    const { context, page, errors } = await openPage(browser, `${server.url}/s/${source}`, PHONE)
    try {
      await expectSoundPage(page)
      await screenshot(page, 'viewer-sound-phone')
      await expect(page.title()).resolves.toBe('Sound · Spool')

      await page.goto(`${server.url}/search`)
      const trending = page.getByRole('region', { name: 'Trending sounds' })
      await trending.waitFor()
      await screenshot(page, 'viewer-search-trending-sounds-phone')
      await trending.getByRole('link', { name: /^Beat <b>drop<\/b>/ }).click()
      await expectSoundPage(page)
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('says so when a sound does not exist or its reel was removed', async () => {
    // A removed source, as moderation leaves it in the database.
    const removed = ulid()
    const db = new Database(join(server.dataDir, 'spool.db'))
    try {
      db.prepare(
        `INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at, removed_at, sound_title)
         SELECT ?, id, 'removed', 'gone', 2000, 1, 1, 2, 'Gone beat' FROM users WHERE username = 'ana'`,
      ).run(removed)
    } finally {
      db.close()
    }
    const { context, page } = await openPage(browser, `${server.url}/s/01JD8Z7Q3X4Y5Z6A7B8C9D0E1F`, PHONE)
    try {
      await page.getByRole('heading', { name: "This sound isn't available" }).waitFor()
      await expect(page.getByRole('link', { name: 'Use this sound' }).count()).resolves.toBe(0)
      await page.goto(`${server.url}/s/${removed}`)
      await page.getByRole('heading', { name: 'This sound was removed' }).waitFor()
      await expect(page.getByRole('link', { name: 'Use this sound' }).count()).resolves.toBe(0)
      await screenshot(page, 'viewer-sound-removed-phone')
    } finally {
      await context.close()
    }
  })
})
