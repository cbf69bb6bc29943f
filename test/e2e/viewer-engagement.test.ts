// Engagement in the viewer app, in Chromium against the real server and its live sync endpoint:
// two viewers on one reel see each other's like within a second and each other's comments (shown
// as text), a like made offline is sent on reconnect — twice, because the first answer is lost —
// and counted once, views are reported, and signed-out viewers are asked to log in.
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReelCounts } from '../../shared/api/engagement'
import { launchChromium, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { makeReelPackage } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
const PASSWORD = 'a long enough password'
const MARKUP_COMMENT = 'So good <b>bold?</b> <img src=x onerror="window.pwned=1">'

let server: TestServer
let browser: Browser
let reelA: string // the two viewers' shared reel
let reelB: string // the offline like
let leoToken: string

async function publish(token: string, caption: string): Promise<string> {
  const pkg = await makeReelPackage(await ensureMedia('portrait-noaudio-3s'), {
    renditions: ['360p'],
    caption,
  })
  const reelId = pkg.manifest.reelId
  const outcome = await tusUpload(server.url, await readFile(pkg.tarPath), {
    token,
    metadata: { reelId, filename: 'reel.tar' },
  })
  if (!outcome.ok) throw new Error(`upload failed: ${outcome.status} ${outcome.body}`)
  expect((await waitForReel(server.url, reelId, token)).body.status).toBe('published')
  return reelId
}

const counts = async (reelId: string) =>
  (await api<{ counts: ReelCounts }>(server.url, 'GET', `/api/reels/${reelId}`)).body.counts

beforeAll(async () => {
  server = await startTestServer()
  const mia = await register(server.url, 'mia')
  leoToken = await register(server.url, 'leo')
  await register(server.url, 'zoe')
  reelB = await publish(mia, 'Offline test #late')
  reelA = await publish(mia, 'Live test #now')
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Viewer {
  context: BrowserContext
  page: Page
  errors: string[]
}

/** A browser context signed in as `username` with the web app's cookie session, on `path`. */
async function openAs(username: string | null, path: string, viewport = DESKTOP): Promise<Viewer> {
  const context = await browser.newContext({ viewport })
  if (username) {
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { username, password: PASSWORD },
    })
    expect(login.status()).toBe(200)
    // The app asks /api/auth/me only when it signed in before in this browser (session-store.ts).
    await context.addInitScript(() => window.localStorage.setItem('spool.signedIn', '1'))
  }
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}${path}`)
  // On a reel: wait until its numbers are live, so what the test measures is the update alone.
  if (path.startsWith('/r/'))
    await page.locator('.action-rail[data-live="true"]').waitFor({ timeout: 15_000 })
  if (username) await page.getByRole('link', { name: `Your profile, @${username}` }).waitFor()
  return { context, page, errors }
}

/** Reads the server's database directly, for what no endpoint lists yet (reports, followers). */
function query(sql: string): unknown[] {
  const db = new Database(join(server.dataDir, 'spool.db'), { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const followersOfMia = () =>
  query(
    `SELECT f.username FROM follows JOIN users f ON f.id = follower_id
      JOIN users m ON m.id = followee_id WHERE m.username = 'mia'`,
  ).map((row) => (row as { username: string }).username)

const likeCount = (page: Page) => page.locator('[data-count="likes"]')
const commentCount = (page: Page) => page.locator('[data-count="comments"]')

describe('viewer engagement', () => {
  // First, while nothing has asked for trending yet (the server computes it at most once a minute).
  it('searches creators, hashtags and captions, and shows trending hashtags', async () => {
    const shared = await api(server.url, 'POST', `/api/reels/${reelA}/shares`, { token: leoToken })
    expect(shared.status).toBe(200)
    const { context, page, errors } = await openAs(null, '/search', PHONE)
    try {
      const trending = page.getByRole('region', { name: 'Trending hashtags' })
      await trending.getByRole('link', { name: /#?now/ }).waitFor()
      await screenshot(page, 'viewer-search-trending-phone')

      const field = page.getByRole('searchbox', { name: 'Search creators, hashtags and captions' })
      await field.fill('mi')
      await page.keyboard.press('Enter')
      await page
        .getByRole('region', { name: 'Accounts' })
        .getByRole('link', { name: /@mia\s*2 reels/ })
        .waitFor()
      expect(new URL(page.url()).search).toBe('?q=mi')

      await field.fill('offline')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      const reels = page.getByRole('region', { name: 'Reels' })
      await reels.getByRole('link', { name: 'Offline test #late' }).waitFor()
      await expect(reels.getByRole('link').count()).resolves.toBe(1)
      await screenshot(page, 'viewer-search-results-phone')

      await field.fill('zzzz')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'No results' }).waitFor()
      await page.goBack()
      await reels.getByRole('link', { name: 'Offline test #late' }).waitFor()
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('shows a like and a comment from one viewer to another, live, and comments as text', async () => {
    const leo = await openAs('leo', `/r/${reelA}`)
    const zoe = await openAs('zoe', `/r/${reelA}`)
    try {
      await expect(likeCount(zoe.page).textContent()).resolves.toBe('0')

      // A like in one window shows in the other within a second (through the server's document).
      const clickedAt = Date.now()
      await leo.page.getByRole('button', { name: 'Like', exact: true }).click()
      await likeCount(zoe.page).filter({ hasText: /^1$/ }).waitFor({ timeout: 1_000 })
      const likeLatencyMs = Date.now() - clickedAt
      console.log(`like reached the other viewer in ${likeLatencyMs} ms`)
      await leo.page.getByRole('button', { name: 'Unlike' }).waitFor()
      await expect(likeCount(leo.page).textContent()).resolves.toBe('1')
      expect((await counts(reelA)).likes).toBe(1)

      // Comments: both open the sheet; leo writes markup, zoe sees the same characters as text.
      await zoe.page.getByRole('button', { name: 'Comments' }).click()
      await zoe.page.getByRole('heading', { name: 'No comments yet' }).waitFor()
      await leo.page.getByRole('button', { name: 'Comments' }).click()
      await leo.page.getByRole('textbox', { name: 'Add a comment' }).fill(MARKUP_COMMENT)
      await leo.page.keyboard.press('Enter')
      const zoeComment = zoe.page.locator('.comment-text', { hasText: MARKUP_COMMENT })
      await zoeComment.waitFor({ timeout: 3_000 })
      await expect(zoe.page.locator('.comment-text b, .comment-text img').count()).resolves.toBe(0)
      await expect(zoe.page.evaluate(() => (window as { pwned?: number }).pwned)).resolves.toBeUndefined()
      await commentCount(zoe.page).filter({ hasText: /^1$/ }).waitFor({ timeout: 3_000 })
      await expect(zoe.page.getByRole('heading', { name: 'Comments · 1' }).isVisible()).resolves.toBe(true)

      // Zoe replies (one level); leo sees the thread's reply count go up and opens it.
      await zoe.page.getByRole('button', { name: 'Reply' }).click()
      await zoe.page.getByRole('textbox', { name: 'Reply to @leo' }).fill('Thanks, @leo!')
      await zoe.page.getByRole('button', { name: 'Post comment' }).click()
      await leo.page.getByRole('button', { name: 'View 1 reply' }).click()
      await leo.page.locator('.comment.is-reply .comment-text', { hasText: 'Thanks, @leo!' }).waitFor()
      await screenshot(leo.page, 'viewer-comments-desktop')
      // Leo may delete his own comment but not zoe's reply.
      await expect(leo.page.getByRole('button', { name: 'Delete comment by @zoe' }).count()).resolves.toBe(0)
      await leo.page.getByRole('button', { name: 'Delete comment by @leo' }).click()
      await leo.page.locator('.comment-text', { hasText: MARKUP_COMMENT }).waitFor({ state: 'detached' })
      // Deleting removes the thread for everyone watching, live.
      await zoeComment.waitFor({ state: 'detached', timeout: 3_000 })
      expect((await counts(reelA)).comments).toBe(0)

      // Both watched the 3 s reel past half of it: each view was reported and counted once.
      await expect.poll(async () => (await counts(reelA)).views, { timeout: 10_000 }).toBe(2)
      expect([...leo.errors, ...zoe.errors]).toEqual([])
    } finally {
      await leo.context.close()
      await zoe.context.close()
    }
  })

  it('keeps a like made offline, sends it on reconnect and counts it once though it went twice', async () => {
    const leo = await openAs('leo', `/r/${reelB}`)
    const zoe = await openAs('zoe', `/r/${reelB}`)
    try {
      await expect(likeCount(leo.page).textContent()).resolves.toBe('0')
      await leo.context.setOffline(true)
      await leo.page.getByRole('button', { name: 'Like', exact: true }).click()
      // Shown at once, marked as waiting, and kept in the page's storage with its key.
      const button = leo.page.getByRole('button', { name: 'Unlike' })
      await expect(button.getAttribute('data-pending')).resolves.toBe('true')
      await expect(likeCount(leo.page).textContent()).resolves.toMatch(/^1/)
      const stored = await leo.page.evaluate(() => JSON.parse(localStorage.getItem('spool.outbox') ?? '[]'))
      expect(stored).toMatchObject([{ kind: 'like', reelId: reelB, liked: true, username: 'leo' }])
      await screenshot(leo.page, 'viewer-like-pending-desktop')
      // A comment made offline waits too, after the like (the outbox keeps the order).
      await leo.page.getByRole('button', { name: 'Comments' }).click()
      await leo.page.getByRole('textbox', { name: 'Add a comment' }).fill('Written in a tunnel')
      await leo.page.keyboard.press('Enter')
      const pendingComment = leo.page.locator('.comment[data-pending]', { hasText: 'Written in a tunnel' })
      await pendingComment.getByText('Waiting for connection').waitFor()
      await leo.page.getByRole('heading', { name: "You're offline" }).waitFor()
      await screenshot(leo.page, 'viewer-comment-pending-desktop')

      // The first send reaches the server but its answer is lost; the outbox sends it again.
      const sent: Array<{ key: string | null; replayed: string | null }> = []
      await leo.page.route('**/api/reels/*/like', async (route) => {
        const response = await route.fetch()
        sent.push({
          key: route.request().headers()['idempotency-key'] ?? null,
          replayed: response.headers()['idempotent-replayed'] ?? null,
        })
        if (sent.length === 1) await route.abort('connectionreset')
        else await route.fulfill({ response })
      })
      await leo.context.setOffline(false)
      await leo.page.waitForFunction(() => document.querySelector('[data-pending]') === null, null, {
        timeout: 15_000,
      })
      expect(sent).toHaveLength(2)
      expect(sent[0]!.key).toBe(stored[0].key)
      expect(sent[1]).toEqual({ key: stored[0].key, replayed: 'true' })
      expect((await counts(reelB)).likes).toBe(1)
      await expect(likeCount(leo.page).textContent()).resolves.toBe('1')
      await likeCount(zoe.page).filter({ hasText: /^1$/ }).waitFor({ timeout: 3_000 })
      await expect(leo.page.evaluate(() => localStorage.getItem('spool.outbox'))).resolves.toBe('[]')
      // The comment went after the like, once, and reached the other viewer.
      await leo.page
        .locator('.comment:not([data-pending]) .comment-text', { hasText: 'Written in a tunnel' })
        .waitFor()
      await commentCount(zoe.page).filter({ hasText: /^1$/ }).waitFor({ timeout: 3_000 })
      expect((await counts(reelB)).comments).toBe(1)
    } finally {
      await leo.context.close()
      await zoe.context.close()
    }
  })

  it('asks a signed-out viewer to log in to like or comment, and files a report', async () => {
    const guest = await openAs(null, `/r/${reelA}`, PHONE)
    try {
      // A signed-out viewer's watch counts too, by the session id the app made for it.
      await expect.poll(async () => (await counts(reelA)).views, { timeout: 10_000 }).toBe(3)
      await guest.page.getByRole('button', { name: 'Like', exact: true }).click()
      await guest.page.getByText('Log in to like reels').waitFor()
      await guest.page.getByRole('button', { name: 'Close' }).click()
      await guest.page.getByRole('button', { name: 'Comments' }).click()
      await guest.page.getByRole('textbox', { name: 'Add a comment' }).fill('hello')
      await guest.page.keyboard.press('Enter')
      await guest.page.getByText('Log in to join the conversation.').waitFor()
      // Signing in from there keeps the viewer on the reel, and the comment box still has the words.
      await guest.page.getByLabel('Username').fill('zoe')
      await guest.page.getByLabel('Password').fill(PASSWORD)
      await guest.page.getByRole('button', { name: 'Log in', exact: true }).click()
      await guest.page.getByText('Log in to join the conversation.').waitFor({ state: 'detached' })
      await screenshot(guest.page, 'viewer-comments-phone')
      await guest.page.getByRole('button', { name: 'Close comments' }).click()

      // Follow from the reel; the creator's page knows, and unfollows.
      await guest.page.getByRole('button', { name: 'Follow @mia' }).click()
      await guest.page.getByRole('button', { name: 'Unfollow @mia' }).waitFor()
      await expect.poll(() => followersOfMia()).toEqual(['zoe'])
      await guest.page.getByRole('link', { name: '@mia', exact: true }).click()
      await guest.page.getByRole('heading', { name: '@mia' }).waitFor()
      await screenshot(guest.page, 'viewer-creator-following-phone')
      await guest.page.getByRole('button', { name: 'Unfollow @mia' }).click()
      await guest.page.getByRole('button', { name: 'Follow @mia' }).waitFor()
      await expect.poll(() => followersOfMia()).toEqual([])
      await guest.page.goBack()

      await guest.page.getByRole('button', { name: 'More' }).click()
      await guest.page.getByRole('button', { name: 'Report' }).click()
      await guest.page.getByRole('radio', { name: 'Spam or scam' }).click()
      await screenshot(guest.page, 'viewer-report-phone')
      await guest.page.getByRole('button', { name: 'Send report' }).click()
      await guest.page.getByText('Thanks for reporting').waitFor()
      expect(query('SELECT reel_id AS reelId, reason FROM reel_reports')).toEqual([
        { reelId: reelA, reason: 'spam' },
      ])
      expect(guest.errors).toEqual([])
    } finally {
      await guest.context.close()
    }
  })

  it('shows likes and follows made on another device, counts a signed-out share once, and hides a creator', async () => {
    // Leo liked reelB in the offline test; following is done elsewhere (a script, another device).
    expect((await api(server.url, 'PUT', '/api/users/mia/follow', { token: leoToken })).status).toBe(200)
    // A new browser context has none of the earlier one's storage: only the server can say so.
    const leo = await openAs('leo', `/r/${reelB}`)
    const guest = await openAs(null, `/r/${reelA}`)
    try {
      await leo.page.getByRole('button', { name: 'Unlike' }).waitFor()
      await leo.page.getByRole('button', { name: 'Unfollow @mia' }).waitFor()

      // Signed out, "Copy link" counts once per browser session however often it is pressed.
      const before = (await counts(reelA)).shares
      const shareAnswer = () =>
        guest.page.waitForResponse((r) => r.url().endsWith(`/api/reels/${reelA}/shares`))
      for (const counted of [true, false]) {
        const answer = shareAnswer()
        await guest.page.getByRole('button', { name: 'Copy link' }).click()
        await expect((await answer).json()).resolves.toEqual({ shares: before + 1, counted })
        await guest.page.getByRole('button', { name: 'Copy link' }).waitFor()
      }
      await guest.page.locator('[data-count="shares"]', { hasText: String(before + 1) }).waitFor()

      // Hide mia from the More sheet; her page offers to show her again.
      // (What hiding does to the feed is in test/integration/server-viewer-state.test.ts: leo has
      // seen both reels, so his feed is empty either way.)
      const hidden = async () =>
        (await api<{ viewer: { hidden: boolean } }>(server.url, 'GET', '/api/users/mia', { token: leoToken }))
          .body.viewer.hidden
      await leo.page.getByRole('button', { name: 'More' }).click()
      await leo.page.getByRole('button', { name: 'Hide @mia' }).click()
      await leo.page.getByText("You won't see @mia in your feed").waitFor()
      expect(await hidden()).toBe(true)
      await leo.page.goto(`${server.url}/@mia`)
      await leo.page.getByRole('heading', { name: '@mia' }).waitFor()
      await leo.page.locator('[data-count="followers"]', { hasText: '1 follower' }).waitFor()
      await screenshot(leo.page, 'viewer-creator-hidden-desktop')
      await leo.page.getByRole('button', { name: 'Show in my feed' }).click()
      await leo.page.getByRole('button', { name: 'Show in my feed' }).waitFor({ state: 'detached' })
      expect(await hidden()).toBe(false)
      expect([...leo.errors, ...guest.errors]).toEqual([])
    } finally {
      await leo.context.close()
      await guest.context.close()
    }
  })
})
