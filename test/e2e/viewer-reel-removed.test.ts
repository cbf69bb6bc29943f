// A reel removed by moderation while a viewer watches it, in Chromium against the real server: the
// server closes the reel's live document as gone, and the viewer app replaces the player (and the
// like/comment rail) with "This reel is no longer available"; the next reel still plays.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPage, screenshot } from '../support/browser'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer, type TestServer } from '../support/server'

let server: TestServer
let browser: Browser
let admin: string
let watched: string

beforeAll(async () => {
  server = await startTestServer()
  admin = await register(server.url, 'admin')
  const creator = await register(server.url, 'maker')
  await publishTestReel(server.url, creator, 'The next one')
  watched = await publishTestReel(server.url, creator, 'Watched while removed')
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a reel removed while it is watched', () => {
  it('shows "This reel is no longer available" instead of the player', async () => {
    const { context, page, errors } = await openPage(browser, `${server.url}/r/${watched}`)
    try {
      const card = page.locator(`.reel-card[data-reel-id="${watched}"]`)
      await card.locator('.reel-player').waitFor()
      // Its live document is connected: the removal can only reach the page through it.
      await page.locator('.action-rail[data-live="true"]').waitFor({ timeout: 15_000 })

      const removed = await api(server.url, 'POST', `/api/admin/reels/${watched}/remove`, { token: admin })
      expect(removed.status).toBe(200)
      await card.getByText('This reel is no longer available').waitFor({ timeout: 5_000 })
      expect(await card.locator('.reel-player').count()).toBe(0)
      expect(await page.locator('.action-rail').count()).toBe(0)
      await screenshot(page, 'viewer-reel-removed')

      // The feed goes on: the next reel plays as before.
      await page.getByRole('button', { name: 'Next reel' }).click()
      await page.locator('.reel-card[data-active="true"] .reel-player').waitFor()
      await page.locator('.action-rail').waitFor()
      // The player may still have been fetching the removed reel's segments: those answer 410,
      // which Chromium logs; it is the only reel that can. Nothing else may go wrong.
      expect(errors.filter((error) => !error.endsWith('status of 410 (Gone)'))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
