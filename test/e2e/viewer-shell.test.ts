// The viewer web app against the real server in Chromium: the empty feed, the creator and hashtag
// pages, client-side navigation, the error state when the server goes away, and screenshots at
// desktop and phone sizes for people to look at.
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPage, screenshot } from '../support/browser'
import { startProcess, type Started } from '../support/process'

const DESKTOP = { width: 1280, height: 800 }
const READY = /Spool server listening on (http:\/\/\S+)/

function startOwnServer(dataDir: string, port: string): Promise<Started> {
  return startProcess('server/main.ts', {
    env: { SPOOL_PORT: port, SPOOL_DATA_DIR: dataDir, SPOOL_LOG_LEVEL: 'warn' },
    readyPattern: READY,
  })
}
const PHONE = { width: 390, height: 844 }

describe('viewer web app shell', () => {
  let dataDir: string
  let server: Started
  let browser: Browser

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spool-viewer-'))
    server = await startOwnServer(dataDir, '0')
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows the empty feed, a creator and a hashtag page (${size})`, async () => {
      const { context, page, errors } = await openPage(browser, server.ready, viewport)
      const failed: string[] = []
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`)
      })
      try {
        await page.getByRole('heading', { name: 'No reels yet' }).waitFor()
        await expect(page.getByText('Creators publish reels from Spool Studio').isVisible()).resolves.toBe(
          true,
        )
        await expect(page.getByRole('link', { name: 'Spool home' }).isVisible()).resolves.toBe(true)
        // No reel, so no action rail.
        await expect(page.getByRole('button', { name: 'Like' }).count()).resolves.toBe(0)
        // The stage keeps a 9:16 column on wide screens and fills the width on phones.
        const stage = (await page.getByRole('region', { name: 'Reel' }).boundingBox())!
        if (size === 'desktop') expect(stage.width / stage.height).toBeCloseTo(9 / 16, 2)
        else expect(stage.width).toBe(PHONE.width)
        await screenshot(page, `viewer-feed-empty-${size}`)

        await page.goto(`${server.ready}/@mia`)
        await page.getByRole('heading', { name: '@mia' }).waitFor()
        // No such account on this server: the page says so rather than showing an empty grid.
        await page.getByRole('heading', { name: "This account doesn't exist" }).waitFor()
        await expect(
          page.getByText('There is no one called @mia on this Spool server').isVisible(),
        ).resolves.toBe(true)
        await expect(page.title()).resolves.toBe('@mia · Spool')
        await screenshot(page, `viewer-creator-${size}`)

        await page.goto(`${server.ready}/t/running`)
        await page.getByRole('heading', { name: '#running' }).waitFor()
        await expect(page.getByText('Reels tagged #running', { exact: true }).isVisible()).resolves.toBe(true)
        await screenshot(page, `viewer-tag-${size}`)

        // The unknown account's 404 is the only failed request, and Chromium logs it as an error.
        expect(
          failed.every((line) => line === '404 /api/users/mia'),
          failed.join('\n'),
        ).toBe(true)
        expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([])
      } finally {
        await context.close()
      }
    })
  }

  it('navigates inside the app without reloading the page', async () => {
    const { context, page, errors } = await openPage(browser, `${server.ready}/t/running`)
    try {
      await page.getByRole('heading', { name: '#running' }).waitFor()
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42))
      await page.getByRole('link', { name: 'For you' }).click()
      await page.getByRole('heading', { name: 'No reels yet' }).waitFor()
      expect(new URL(page.url()).pathname).toBe('/')
      await expect(page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(42)
      await page.goBack()
      await page.getByRole('heading', { name: '#running' }).waitFor()
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('shows user-provided text as text, and unknown pages and reels clearly', async () => {
    const { context, page } = await openPage(
      browser,
      `${server.ready}/@${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    )
    try {
      await page.getByRole('heading', { name: '@<img src=x onerror=alert(1)>' }).waitFor()
      await expect(page.locator('main img').count()).resolves.toBe(0)

      await page.goto(`${server.ready}/r/01JD8Z7Q3X4Y5Z6A7B8C9D0E1F`)
      await page.getByRole('heading', { name: "This reel isn't available" }).waitFor()

      await page.goto(`${server.ready}/somewhere/else`)
      await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    } finally {
      await context.close()
    }
  })

  it('shows the newest published reel with its creator, caption and action rail', async () => {
    // No upload path exists yet, so the reel is written straight into the server's database.
    const db = new Database(join(dataDir, 'spool.db'))
    db.prepare(
      "INSERT INTO users (id, username, password_hash, roles, created_at) VALUES ('u1', 'mia', 'x', '[]', 1)",
    ).run()
    db.prepare(
      "INSERT INTO reels (id, creator_id, status, caption, duration_ms, created_at, published_at) VALUES ('R1', 'u1', 'published', ?, 15000, 1, 1000)",
    ).run('Sunset run <b>not bold</b> #running')
    db.close()
    try {
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const { context, page } = await openPage(browser, server.ready, viewport)
        try {
          await page.getByText('Sunset run <b>not bold</b> #running').waitFor()
          await expect(page.locator('.reel-caption b').count()).resolves.toBe(0)
          await expect(page.getByRole('link', { name: '@mia', exact: true }).isVisible()).resolves.toBe(true)
          await expect(page.getByRole('button', { name: 'Like' }).isVisible()).resolves.toBe(true)
          await expect(page.getByRole('button', { name: 'Copy link' }).isEnabled()).resolves.toBe(true)
          await screenshot(page, `viewer-feed-reel-${size}`)
        } finally {
          await context.close()
        }
      }
    } finally {
      const cleanup = new Database(join(dataDir, 'spool.db'))
      cleanup.exec('DELETE FROM reels; DELETE FROM users;')
      cleanup.close()
    }
  })

  it('says so when the server cannot be reached, and recovers on retry', async () => {
    // Its own server, stopped under the page and started again on the same port.
    const ownDataDir = mkdtempSync(join(tmpdir(), 'spool-viewer-'))
    let own = await startOwnServer(ownDataDir, '0')
    const port = new URL(own.ready).port
    const { context, page, errors } = await openPage(browser, `${own.ready}/t/running`, PHONE)
    try {
      await page.getByRole('heading', { name: '#running' }).waitFor()
      expect(await own.stop()).toBe(0)
      await page.getByRole('link', { name: 'For you' }).click()
      await page.getByRole('heading', { name: "Can't reach Spool" }).waitFor()
      await screenshot(page, 'viewer-feed-unreachable-phone')

      own = await startOwnServer(ownDataDir, port)
      await page.getByRole('button', { name: 'Try again' }).click()
      await page.getByRole('heading', { name: 'No reels yet' }).waitFor()
      // The browser reports the refused fetch itself; nothing else may go wrong.
      expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e))).toEqual([])
    } finally {
      await context.close()
      await own.stop()
      rmSync(ownDataDir, { recursive: true, force: true })
    }
  })
})
