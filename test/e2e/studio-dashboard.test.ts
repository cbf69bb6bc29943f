// The creator's Dashboard in Chromium, live: a real server with maya's published reel and a real
// studio:web signed in as maya. Another account likes and comments over REST, and the totals, the
// reel's row and the notifications change on screen without a reload; maya's reply from the
// comment's reply box reaches the server; desktop notifications use the web Notification API
// (already allowed, never prompted). maya likes the reel from its row and a viewer watching it
// sees the count go up live; when the server goes away the numbers stay, marked offline, and an
// unlike made meanwhile waits and is sent when the server is back. Opened in detail, the reel shows
// another account's comment live, and the creator's delete removes it for a viewer too.
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { publishTestReel } from '../support/published-reel'
import { api, register, startTestServer } from '../support/server'
import { CREATOR, fillSignIn, studioWithServer } from '../support/studio-with-server'

const CAPTION = 'Harbour at dawn #sailing'

describe('studio dashboard', () => {
  const env = studioWithServer('dashboard')
  let maya: string
  let ana: string
  let reelId: string

  beforeAll(async () => {
    const login = await api(env.server.url, 'POST', '/api/auth/login', { body: CREATOR })
    maya = login.body.token
    ana = await register(env.server.url, 'ana', CREATOR.password)
    reelId = await publishTestReel(env.server.url, maya, CAPTION)
  })

  /** The studio's Dashboard in a new page; errors on the page are collected for the test to check. */
  async function openDashboard() {
    const opened = await openPage(env.browser, env.studio.ready)
    await opened.page.getByRole('link', { name: 'Dashboard' }).click()
    return opened
  }

  const total = (page: Page, metric: string) => page.locator(`.dash-total[data-metric="${metric}"] dd`)
  const reelRow = (page: Page) =>
    page.getByRole('list', { name: 'Reels' }).getByRole('listitem').filter({ hasText: CAPTION })
  const onServer = async () => {
    const reel = await api(env.server.url, 'GET', `/api/reels/${reelId}`, { token: maya })
    return { likes: reel.body.counts.likes as number, liked: reel.body.viewer.liked as boolean }
  }

  it('shows a new like and a new comment live, and sends a reply', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
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
    await page.goto(env.studio.ready)
    await page.getByRole('link', { name: 'Dashboard' }).click()
    const shown = () => page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown)
    const signedOut = page.getByRole('region', { name: 'Sign in to see your numbers' })
    await signedOut.waitFor()
    await screenshot(page, 'studio-dashboard-signed-out')

    await signedOut.getByRole('button', { name: 'Sign in' }).click()
    await fillSignIn(page.getByRole('dialog', { name: 'Sign in to Spool' }), env.server.url)

    await page.locator('.dash-sync[data-sync-state="online"]').waitFor({ timeout: 20_000 })
    const row = reelRow(page)
    await row.waitFor()
    // Made elsewhere (not in this studio's library): the server's poster, through the core.
    await expect
      .poll(() => row.locator('img').getAttribute('src'), { timeout: 10_000 })
      .toMatch(/^data:image\/jpeg;base64,/)
    expect(await total(page, 'likes').textContent()).toBe('0')
    expect(await total(page, 'comments').textContent()).toBe('0')
    // A marker on the window: if the page reloaded, it would be gone.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }))

    expect((await api(env.server.url, 'PUT', `/api/reels/${reelId}/like`, { token: ana })).status).toBe(200)
    await expect.poll(() => total(page, 'likes').textContent(), { timeout: 10_000 }).toBe('1')
    await row.getByLabel('1 likes').waitFor()
    const notes = page.getByRole('list', { name: 'Notifications' })
    await notes
      .getByRole('listitem')
      .filter({ hasText: `“${CAPTION}” reached 1 like` })
      .waitFor()
    const likeNotice = { title: '1 like', body: `“${CAPTION}” reached 1 like.` }
    // Told on its own: news is gathered for a moment, and the comment comes after that.
    await expect.poll(shown, { timeout: 10_000 }).toEqual([likeNotice])

    const comment = await api(env.server.url, 'POST', `/api/reels/${reelId}/comments`, {
      token: ana,
      body: { text: 'Which harbour is this?' },
    })
    expect(comment.status).toBe(201)
    await expect.poll(() => total(page, 'comments').textContent(), { timeout: 10_000 }).toBe('1')
    const note = notes.getByRole('listitem').filter({ hasText: 'Which harbour is this?' })
    await note.getByText('ana', { exact: true }).waitFor()
    await row.getByLabel('1 comments').waitFor()
    // Desktop notifications for both, from the web Notification API; it never asked for permission.
    await expect
      .poll(shown, { timeout: 10_000 })
      .toEqual([likeNotice, { title: `ana commented on “${CAPTION}”`, body: 'Which harbour is this?' }])
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
    await screenshot(page, 'studio-dashboard-live')

    await note.getByRole('button', { name: 'Reply' }).click()
    await note.getByLabel('Reply to ana').fill('Porto, before sunrise')
    await note.getByRole('button', { name: 'Send reply' }).click()
    await expect
      .poll(
        async () => {
          const replies = await api(
            env.server.url,
            'GET',
            `/api/reels/${reelId}/comments?parentId=${comment.body.id}`,
          )
          return (replies.body.items as Array<{ text: string }>).map((reply) => reply.text)
        },
        { timeout: 10_000 },
      )
      .toEqual(['Porto, before sunrise'])
    // The creator's own reply counts too, and the outbox has nothing left waiting.
    await expect.poll(() => total(page, 'comments').textContent(), { timeout: 10_000 }).toBe('2')
    expect(await page.getByRole('list', { name: 'Waiting to send' }).count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('likes the reel from its row, live for a viewer, and keeps an unlike made offline until the server is back', async () => {
    const studio = await openDashboard()
    const viewer = await openPage(env.browser, `${env.server.url}/r/${reelId}`, { width: 420, height: 800 })
    try {
      const { page } = studio
      await page.locator('.dash-sync[data-sync-state="online"]').waitFor({ timeout: 20_000 })
      const row = reelRow(page)
      const like = row.getByRole('button', { name: `Like “${CAPTION}”` })
      await like.and(page.locator('[aria-pressed="false"]')).waitFor()
      const viewerLikes = viewer.page.locator('[data-count="likes"]')
      await viewerLikes.filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 })

      await like.click()
      await like.and(page.locator('[aria-pressed="true"]')).waitFor()
      // The viewer's count moves live, through the reel's document on the server.
      await viewerLikes.filter({ hasText: /^2$/ }).waitFor({ timeout: 10_000 })
      await expect.poll(() => total(page, 'likes').textContent(), { timeout: 10_000 }).toBe('2')
      expect(await onServer()).toEqual({ likes: 2, liked: true })
      await screenshot(page, 'studio-dashboard-liked')

      // The server goes away: the numbers stay, and the screen and the rail say they may be old.
      const port = new URL(env.server.url).port
      await env.server.stop()
      const status = page.locator('.dash-sync')
      await status.and(page.locator('[data-sync-state="offline"]')).waitFor({ timeout: 10_000 })
      await status.getByText(/showing numbers updated (just now|\d+ min ago)/).waitFor()
      expect(await total(page, 'likes').textContent()).toBe('2')
      await page.locator('.rail-footer [data-server-state="offline"]').waitFor()

      // An unlike made offline shows at once and waits, said in words.
      await like.click()
      await like.and(page.locator('[aria-pressed="false"][data-waiting]')).waitFor()
      await expect.poll(() => total(page, 'likes').textContent()).toBe('1')
      await row.getByLabel('1 likes').waitFor()
      const waiting = page.getByRole('list', { name: 'Waiting to send' })
      await waiting.getByText(`Unlike “${CAPTION}”`).waitFor()
      await screenshot(page, 'studio-dashboard-offline')

      env.server = await startTestServer({ SPOOL_PORT: port }, env.serverDir)
      await expect.poll(onServer, { timeout: 60_000 }).toEqual({ likes: 1, liked: false })
      await waiting.waitFor({ state: 'detached', timeout: 10_000 })
      await like.and(page.locator('[aria-pressed="false"]:not([data-waiting])')).waitFor()
      // Once sent, the count comes from the creator document again, which may be a moment behind.
      await expect.poll(() => total(page, 'likes').textContent(), { timeout: 10_000 }).toBe('1')
      expect(studio.errors).toEqual([])
    } finally {
      await viewer.context.close()
      await studio.context.close()
    }
  })

  it('opens the reel in detail: a comment arrives live, and the creator’s delete reaches a viewer too', async () => {
    const studio = await openDashboard()
    const viewer = await openPage(env.browser, `${env.server.url}/r/${reelId}`, { width: 420, height: 800 })
    try {
      const { page } = studio
      await page.locator('.dash-sync[data-sync-state="online"]').waitFor({ timeout: 20_000 })
      await reelRow(page).click()
      // A modal sheet: the rest of the page is hidden from the accessibility tree meanwhile.
      const panel = page.getByRole('dialog', { name: CAPTION })
      await panel.getByRole('status').getByText('Live').waitFor({ timeout: 10_000 })
      const panelTotal = (metric: string) =>
        panel.getByLabel('Reel numbers').locator(`[data-metric="${metric}"] dd`)
      const before = Number(await panelTotal('comments').textContent())
      // The earlier test's comment and maya's reply to it, read from the reel's own document.
      const comments = panel.getByRole('list', { name: 'Latest comments' })
      await comments.getByText('Porto, before sunrise').waitFor()

      await viewer.page.getByRole('button', { name: 'Comments' }).click()
      const posted = await api(env.server.url, 'POST', `/api/reels/${reelId}/comments`, {
        token: ana,
        body: { text: 'Selling cheap followers <a href=x>here</a>' },
      })
      expect(posted.status).toBe(201)
      const spam = comments.getByRole('listitem').filter({ hasText: 'Selling cheap followers' })
      await spam.waitFor({ timeout: 10_000 })
      // As text: the markup is shown, never made into a link.
      expect(await spam.locator('a').count()).toBe(0)
      await expect.poll(() => panelTotal('comments').textContent(), { timeout: 10_000 }).toBe(`${before + 1}`)
      const inViewer = viewer.page.locator('.comment-text', { hasText: 'Selling cheap followers' })
      await inViewer.waitFor({ timeout: 10_000 })
      await screenshot(page, 'studio-dashboard-reel-detail')

      await spam.getByRole('button', { name: 'Delete ana’s comment' }).click()
      await spam.waitFor({ state: 'detached', timeout: 10_000 })
      await inViewer.waitFor({ state: 'detached', timeout: 10_000 })
      await expect.poll(() => panelTotal('comments').textContent(), { timeout: 10_000 }).toBe(`${before}`)
      expect((await api(env.server.url, 'GET', `/api/reels/${reelId}`)).body.counts.comments).toBe(before)

      await panel.getByRole('button', { name: 'Close' }).click()
      await panel.waitFor({ state: 'detached' })
      expect([...studio.errors, ...viewer.errors]).toEqual([])
    } finally {
      await viewer.context.close()
      await studio.context.close()
    }
  })
})
