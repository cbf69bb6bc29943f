// The viewer app playing real reels in Chromium: two packages made by the reference encoder are
// uploaded with tus to a real server and published by its ingest; then the feed plays them
// (video.js + VHS over MSE), moves by key, wheel and swipe with the URL following, opens hashtag
// and creator grids and /r/:id links, shows a media failure plainly, and signs up, in and out.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPage, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { makeReelPackage, type ReelPackage } from '../support/reel-package'
import { register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
const MARKUP = '<img src=x onerror=alert(1)>'
const CAPTION_1 = `Golden hour loop #sunset with @leo ${MARKUP}`
const CAPTION_2 = 'Quick test pattern #sunset #pattern'

let server: TestServer
let browser: Browser
let first: ReelPackage // newest: the feed opens on it
let second: ReelPackage

async function publish(pkg: ReelPackage, token: string): Promise<void> {
  const outcome = await tusUpload(server.url, await readFile(pkg.tarPath), {
    token,
    metadata: { reelId: pkg.manifest.reelId, filename: 'reel.tar' },
  })
  if (!outcome.ok) throw new Error(`upload failed: ${outcome.status} ${outcome.body}`)
  const reel = await waitForReel(server.url, pkg.manifest.reelId, token)
  expect(reel.body.status).toBe('published')
}

beforeAll(async () => {
  const [withAudio, silent] = await Promise.all([
    ensureMedia('portrait-1080x1920-audio-6s'),
    ensureMedia('portrait-noaudio-3s'),
  ])
  first = await makeReelPackage(withAudio, { caption: CAPTION_1 })
  second = await makeReelPackage(silent, { caption: CAPTION_2 })
  server = await startTestServer()
  const mia = await register(server.url, 'mia')
  await register(server.url, 'leo')
  // Published oldest first, so the feed (newest first) starts with `first`.
  await publish(second, mia)
  await publish(first, mia)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface PlayerState {
  id: string | null
  time: number
  paused: boolean
  muted: boolean
  error: number | null
  preload: string | null
}

function activePlayer(page: Page): Promise<PlayerState> {
  return page.evaluate(() => {
    const card = document.querySelector('.reel-card[data-active="true"]')
    const video = card?.querySelector('video')
    return {
      id: card?.getAttribute('data-reel-id') ?? null,
      time: video?.currentTime ?? 0,
      paused: video?.paused ?? true,
      muted: video?.muted ?? false,
      error: video?.error?.code ?? null,
      preload: video?.getAttribute('preload') ?? null,
    }
  })
}

/** Waits until `reelId` is the reel on screen and its picture is really moving. */
async function waitUntilPlaying(page: Page, reelId: string): Promise<PlayerState> {
  await page.waitForFunction(
    (id) => {
      const card = document.querySelector(`.reel-card[data-active="true"][data-reel-id="${id}"]`)
      const video = card?.querySelector('video')
      return !!video && !video.paused && video.currentTime > 0.4 && video.readyState >= 2
    },
    reelId,
    { timeout: 20_000 },
  )
  const state = await activePlayer(page)
  // Still advancing a moment later: playing, not stuck on one frame.
  await page.waitForFunction(
    ([id, time]) => {
      const card = document.querySelector(`.reel-card[data-active="true"][data-reel-id="${id}"]`)
      const video = card?.querySelector('video')
      return !!video && video.currentTime !== time
    },
    [reelId, state.time] as const,
    { timeout: 5_000 },
  )
  return state
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname
}

describe('viewer playback', () => {
  it('plays the feed, moves with keys and the wheel, and keeps the next reels ready', async () => {
    const { context, page, errors } = await openPage(browser, server.url, DESKTOP)
    try {
      const id1 = first.manifest.reelId
      const id2 = second.manifest.reelId
      const playing = await waitUntilPlaying(page, id1)
      expect(playing).toMatchObject({ id: id1, muted: true, error: null })
      expect(pathOf(page)).toBe('/')
      // The next reel is already there, paused, loading ahead.
      const next = await page.evaluate((id) => {
        const video = document.querySelector<HTMLVideoElement>(`.reel-card[data-reel-id="${id}"] video`)
        return video && { paused: video.paused, preload: video.getAttribute('preload') }
      }, id2)
      expect(next).toEqual({ paused: true, preload: 'auto' })
      // The caption is text with links, and its markup stays text.
      const caption = page.locator(`.reel-card[data-reel-id="${id1}"] .reel-caption`)
      await expect(caption.textContent()).resolves.toBe(CAPTION_1)
      await expect(caption.locator('img').count()).resolves.toBe(0)
      await expect(caption.getByRole('link', { name: '#sunset' }).getAttribute('href')).resolves.toBe(
        '/t/sunset',
      )
      await expect(caption.getByRole('link', { name: '@leo' }).getAttribute('href')).resolves.toBe('/@leo')
      await page.waitForFunction(() => {
        const fill = document.querySelector<HTMLElement>('.reel-card[data-active="true"] .reel-progress-fill')
        return fill !== null && fill.style.transform !== 'scaleX(0)'
      })
      await screenshot(page, 'viewer-playback-desktop')

      await page.keyboard.press('ArrowDown')
      await waitUntilPlaying(page, id2)
      expect(pathOf(page)).toBe(`/r/${id2}`)
      await expect(
        page.evaluate(
          (id) => document.querySelector<HTMLVideoElement>(`[data-reel-id="${id}"] video`)?.paused,
          id1,
        ),
      ).resolves.toBe(true)

      await page.mouse.move(640, 400)
      await page.mouse.wheel(0, -240)
      await waitUntilPlaying(page, id1)
      expect(pathOf(page)).toBe(`/r/${id1}`)
      // One gesture, one reel: a burst of wheel events moves only once.
      await new Promise((resolve) => setTimeout(resolve, 400))
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 120)
      await waitUntilPlaying(page, id2)
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect((await activePlayer(page)).id).toBe(id2)

      // Sound on is remembered for the next reel.
      await page.getByRole('button', { name: 'Unmute' }).click()
      expect((await activePlayer(page)).muted).toBe(false)
      await page.keyboard.press('ArrowUp')
      await waitUntilPlaying(page, id1)
      expect((await activePlayer(page)).muted).toBe(false)
      await expect(page.getByRole('button', { name: 'Mute', exact: true }).isVisible()).resolves.toBe(true)

      // A tap pauses, another plays on.
      await page.getByRole('button', { name: 'Pause' }).click()
      await page.waitForFunction(
        () => document.querySelector<HTMLVideoElement>('[data-active="true"] video')?.paused,
      )
      await page.getByRole('button', { name: 'Play' }).click()
      await waitUntilPlaying(page, id1)

      // The hashtag opens its grid, whose posters open their reel.
      await page.locator(`.reel-card[data-reel-id="${id1}"]`).getByRole('link', { name: '#sunset' }).click()
      await page.getByRole('heading', { name: '#sunset' }).waitFor()
      expect(pathOf(page)).toBe('/t/sunset')
      await expect(page.locator('.poster-grid img').count()).resolves.toBe(2)
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.poster-grid img')].every(
          (img) => img.naturalWidth > 0,
        ),
      )
      await screenshot(page, 'viewer-tag-grid-desktop')
      await page.locator(`a[href="/r/${id2}"]`).click()
      await waitUntilPlaying(page, id2)
      expect(pathOf(page)).toBe(`/r/${id2}`)

      await page.getByRole('link', { name: '@mia' }).first().click()
      await page.getByRole('heading', { name: '@mia' }).waitFor()
      await page.getByText(/^2 reels · 0 followers · 0 following · on Spool since/).waitFor()
      await expect(page.locator('.poster-grid img').count()).resolves.toBe(2)
      await screenshot(page, 'viewer-creator-grid-desktop')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('opens a shared /r/:id link and swipes on a phone', async () => {
    const context: BrowserContext = await browser.newContext({
      viewport: PHONE,
      hasTouch: true,
      isMobile: true,
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    try {
      const id1 = first.manifest.reelId
      const id2 = second.manifest.reelId
      await page.goto(`${server.url}/r/${id2}`)
      await waitUntilPlaying(page, id2)
      expect(pathOf(page)).toBe(`/r/${id2}`)
      const stage = (await page.getByRole('region', { name: 'Reel' }).boundingBox())!
      expect(stage.width).toBe(PHONE.width)
      await screenshot(page, 'viewer-playback-phone')

      const cdp = await context.newCDPSession(page)
      async function swipe(fromY: number, toY: number) {
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchStart',
          touchPoints: [{ x: 200, y: fromY }],
        })
        for (let step = 1; step <= 5; step++) {
          const y = fromY + ((toY - fromY) * step) / 5
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y }] })
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
      }
      // The linked reel continues into the feed.
      await swipe(600, 250)
      await waitUntilPlaying(page, id1)
      expect(pathOf(page)).toBe(`/r/${id1}`)
      await swipe(250, 600)
      await waitUntilPlaying(page, id2)
      expect(pathOf(page)).toBe(`/r/${id2}`)

      await page.goto(`${server.url}/t/sunset`)
      await page.getByRole('heading', { name: '#sunset' }).waitFor()
      await page.waitForFunction(() =>
        [...document.querySelectorAll<HTMLImageElement>('.poster-grid img')].every(
          (img) => img.naturalWidth > 0,
        ),
      )
      await screenshot(page, 'viewer-tag-grid-phone')
      await page.goto(`${server.url}/@mia`)
      await page.getByRole('heading', { name: '@mia' }).waitFor()
      await page.locator('.poster-grid img').first().waitFor()
      await screenshot(page, 'viewer-creator-grid-phone')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it("says a reel can't play instead of showing a broken player", async () => {
    const { context, page } = await openPage(browser, 'about:blank', PHONE)
    try {
      // The feed is ranked: whichever reel it puts first is the one whose media fails.
      const feed = (await (await page.request.get(`${server.url}/api/feed`)).json()) as {
        items: Array<{ id: string }>
      }
      const id1 = feed.items[0]!.id
      const other = [first, second].find((reel) => reel.manifest.reelId !== id1)!
      await page.route(`**/media/${id1}/**`, (route) =>
        route.request().url().endsWith('.jpg') ? route.continue() : route.abort('failed'),
      )
      await page.goto(server.url)
      await page.getByRole('heading', { name: "This reel can't play right now" }).waitFor({ timeout: 30_000 })
      await expect(page.getByRole('button', { name: 'Try again' }).isVisible()).resolves.toBe(true)
      await expect(page.locator('.vjs-error-display:visible').count()).resolves.toBe(0)
      await screenshot(page, 'viewer-playback-failed-phone')
      // The next reel is unaffected.
      await page.keyboard.press('ArrowDown')
      await waitUntilPlaying(page, other.manifest.reelId)
    } finally {
      await context.close()
    }
  })

  it('signs up in the dialog, stays signed in across a reload, and logs out', async () => {
    const { context, page, errors } = await openPage(browser, server.url, DESKTOP)
    try {
      await page.getByRole('button', { name: 'Sign up' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByRole('heading', { name: 'Create your account' }).waitFor()
      await dialog.getByRole('button', { name: 'Sign up' }).click()
      await dialog.getByText('Use 3–30 characters: letters, digits, "_" or "."').waitFor()
      await dialog.getByText('Use at least 10 characters').waitFor()
      await dialog.getByLabel('Username').fill('mia')
      await dialog.getByLabel('Password').fill('a long enough password')
      await dialog.getByRole('button', { name: 'Sign up' }).click()
      await dialog.getByText('That username is taken. Try another one.').waitFor()
      await screenshot(page, 'viewer-signup-dialog-desktop')

      await dialog.getByRole('tab', { name: 'Log in' }).click()
      await dialog.getByLabel('Username').fill('mia')
      await dialog.getByLabel('Password').fill('not the password')
      await dialog.getByRole('button', { name: 'Log in' }).click()
      await dialog.getByText('Wrong username or password.').waitFor()

      await dialog.getByRole('tab', { name: 'Sign up' }).click()
      await dialog.getByLabel('Username').fill('viewer.one')
      await dialog.getByLabel('Password').fill('a long enough password')
      await dialog.getByRole('button', { name: 'Sign up' }).click()
      await page.getByRole('link', { name: 'Your profile, @viewer.one' }).waitFor()
      await expect(dialog.count()).resolves.toBe(0)

      await page.reload()
      await page.getByRole('link', { name: 'Your profile, @viewer.one' }).waitFor()
      await screenshot(page, 'viewer-signed-in-desktop')
      await page.getByRole('button', { name: 'Log out' }).click()
      await page.getByRole('button', { name: 'Log in' }).waitFor()
      await page.reload()
      await page.getByRole('button', { name: 'Log in' }).waitFor()
      await expect(page.getByRole('link', { name: /Your profile/ }).count()).resolves.toBe(0)
      // Only the refused sign-up and log-in reached the console (as failed requests).
      expect(errors.filter((e) => !/status of (409|401)/.test(e))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
