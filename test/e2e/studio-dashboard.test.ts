// The creator's Dashboard in Chromium, live: a real server with maya's published reel and a real
// studio:web signed in as maya. Another account likes and comments over REST, and the totals, the
// reel's row and the notifications change on screen without a reload; maya's reply from the
// comment's reply box reaches the server; desktop notifications use the web Notification API
// (already allowed, never prompted); when the server goes away the numbers stay, marked offline.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot } from '../support/browser'
import type { Started } from '../support/process'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { startStudioProcess } from '../support/studio-web'

const PASSWORD = 'a long enough password'
const CAPTION = 'Harbour at dawn #sailing'

describe('studio dashboard', () => {
  let studioDir: string
  let server: TestServer
  let studio: Started
  let browser: Browser
  let ana: string
  let reelId: string

  beforeAll(async () => {
    studioDir = mkdtempSync(join(tmpdir(), 'spool-dashboard-studio-'))
    server = await startTestServer()
    const maya = await register(server.url, 'maya', PASSWORD)
    ana = await register(server.url, 'ana', PASSWORD)
    reelId = await publishTestReel(server.url, maya, CAPTION)
    studio = await startStudioProcess(studioDir)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await studio?.stop()
    await server?.stop()
    if (studioDir) rmSync(studioDir, { recursive: true, force: true })
  })

  it('shows a new like and a new comment live, and sends a reply', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    // The page's Notification, as if the person had allowed it before: records instead of showing.
    await context.addInitScript(() => {
      const shown: unknown[] = []
      class RecordingNotification {
        static permission = 'granted'
        static requestPermission() {
          shown.push('prompted')
          return Promise.resolve('granted')
        }
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body })
        }
      }
      Object.assign(window, { __shown: shown, Notification: RecordingNotification })
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(studio.ready)
    const shown = () => page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown)
    await page.getByRole('link', { name: 'Dashboard' }).click()
    const signedOut = page.getByRole('region', { name: 'Sign in to see your numbers' })
    await signedOut.waitFor()
    await screenshot(page, 'studio-dashboard-signed-out')

    await signedOut.getByRole('button', { name: 'Sign in' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign in to Spool' })
    await dialog.getByLabel('Server').fill(server.url)
    await dialog.getByLabel('Username').fill('maya')
    await dialog.getByLabel('Password').fill(PASSWORD)
    await dialog.getByRole('button', { name: 'Sign in' }).click()

    const status = page.locator('.dash-sync')
    await status.and(page.locator('[data-sync-state="online"]')).waitFor({ timeout: 20_000 })
    const reels = page.getByRole('list', { name: 'Reels' })
    const row = reels.getByRole('listitem').filter({ hasText: CAPTION })
    await row.waitFor()
    // Made elsewhere (not in this studio's library): the server's poster, through the core.
    await expect
      .poll(() => row.locator('img').getAttribute('src'), { timeout: 10_000 })
      .toMatch(/^data:image\/jpeg;base64,/)
    const total = (metric: string) => page.locator(`.dash-total[data-metric="${metric}"] dd`)
    expect(await total('likes').textContent()).toBe('0')
    expect(await total('comments').textContent()).toBe('0')
    // A marker on the window: if the page reloaded, it would be gone.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }))

    expect((await api(server.url, 'PUT', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    await expect.poll(() => total('likes').textContent(), { timeout: 10_000 }).toBe('1')
    await row.getByLabel('1 likes').waitFor()
    const notes = page.getByRole('list', { name: 'Notifications' })
    await notes
      .getByRole('listitem')
      .filter({ hasText: `“${CAPTION}” reached 1 like` })
      .waitFor()

    const comment = await api(server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Which harbour is this?' },
    })
    expect(comment.status).toBe(201)
    await expect.poll(() => total('comments').textContent(), { timeout: 10_000 }).toBe('1')
    const note = notes.getByRole('listitem').filter({ hasText: 'Which harbour is this?' })
    await note.getByText('ana', { exact: true }).waitFor()
    await row.getByLabel('1 comments').waitFor()
    // Desktop notifications for both, from the web Notification API; it never asked for permission.
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      { title: '1 like', body: `“${CAPTION}” reached 1 like.` },
      { title: `ana commented on “${CAPTION}”`, body: 'Which harbour is this?' },
    ])
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
    await screenshot(page, 'studio-dashboard-live')

    await note.getByRole('button', { name: 'Reply' }).click()
    await note.getByLabel('Reply to ana').fill('Porto, before sunrise')
    await note.getByRole('button', { name: 'Send reply' }).click()
    await expect
      .poll(
        async () => {
          const replies = await api(
            server.url,
            'GET',
            `/api/reels/${reelId}/comments?parentId=${comment.body.id}`,
          )
          return (replies.body.items as Array<{ text: string }>).map((reply) => reply.text)
        },
        { timeout: 10_000 },
      )
      .toEqual(['Porto, before sunrise'])
    // The creator's own reply counts too, and the outbox has nothing left waiting.
    await expect.poll(() => total('comments').textContent(), { timeout: 10_000 }).toBe('2')
    expect(await page.getByRole('list', { name: 'Waiting to send' }).count()).toBe(0)

    // The server goes away: the numbers stay, and the screen and the rail say they may be old.
    await server.stop()
    await status.and(page.locator('[data-sync-state="offline"]')).waitFor({ timeout: 10_000 })
    await status.getByText(/showing numbers updated (just now|\d+ min ago)/).waitFor()
    expect(await total('likes').textContent()).toBe('1')
    await page.locator('.rail-footer [data-server-state="offline"]').waitFor()
    await screenshot(page, 'studio-dashboard-offline')
    expect(errors).toEqual([])
    await context.close()
  })
})
