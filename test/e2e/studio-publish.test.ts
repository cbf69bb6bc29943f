// Publishing from the studio, end to end, in Chromium: a real server and a real studio:web. The
// person signs in through the dialog (wrong password and an unreachable server first, in plain
// words), encodes a 2 s clip while signed out (the Uploads screen says sign in), signs in from the
// banner, watches the upload move (bytes, speed, time left, the library badge), pauses and resumes
// it, backs out of cancelling it, loses the server mid-upload (the banner says offline), gets it
// back (the upload carries on and is published), and opens "View on Spool": the viewer app plays it.
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { ensureMedia } from '../support/media'
import { startTestServer } from '../support/server'
import { CREATOR, fillSignIn, studioWithServer } from '../support/studio-with-server'
import { waitUntilReelPlays } from '../support/viewer-playback'

const CAPTION = 'Sunrise run #running'

describe('studio publish', () => {
  // Small, slow chunks: long enough to watch the progress and to stop the server mid-upload.
  const env = studioWithServer('publish', {
    SPOOL_STUDIO_UPLOAD_CHUNK_BYTES: String(8 * 1024),
    SPOOL_STUDIO_UPLOAD_CHUNK_DELAY_MS: '100',
    SPOOL_STUDIO_OFFLINE_PROBE_MS: '300',
    SPOOL_STUDIO_UPLOAD_POLL_MS: '200',
    SPOOL_STUDIO_UPLOAD_RETRY_MS: '300',
  })

  async function encodeClip(page: Page) {
    const clip = readFileSync(await ensureMedia('portrait-1080x1920-audio-2s'))
    await page.getByRole('link', { name: 'Library' }).click()
    await page
      .getByLabel('Choose videos to import')
      .setInputFiles([{ name: 'sunrise.mp4', mimeType: 'video/mp4', buffer: clip }])
    await page.getByRole('link', { name: 'Open sunrise.mp4' }).click()
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.waitFor()
    await inspector.getByLabel('Caption').fill(CAPTION)
    await page.locator('.save-state[data-state="saved"]').waitFor()
    const panel = page.getByRole('region', { name: 'Encode & queue' })
    await panel.getByRole('button', { name: 'Encode & queue' }).click()
    await panel.getByText('Queued for upload.', { exact: false }).waitFor({ timeout: 120_000 })
    const [id] = (await page.evaluate(() => location.hash)).match(/[0-9A-HJKMNP-TV-Z]{26}/) ?? []
    return id!
  }

  it('signs in, uploads live, waits out an offline server, publishes, and the link plays', async () => {
    const { page, errors } = await openPage(env.browser, env.studio.ready)
    const rail = page.locator('.rail-footer')
    await rail.getByText('Not signed in').waitFor()

    // The dialog: the settings' server prefilled; failures in plain words.
    await rail.getByRole('button', { name: 'Sign in' }).click()
    const dialog = page.getByRole('dialog', { name: 'Sign in to Spool' })
    await expect.poll(() => dialog.getByLabel('Server').inputValue()).toBe('http://127.0.0.1:8080')
    await fillSignIn(dialog, 'http://127.0.0.1:1')
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Could not reach the server at http://127.0.0.1:1' })
      .waitFor()
    await fillSignIn(dialog, env.server.url, 'not the password')
    await dialog.getByRole('alert').filter({ hasText: 'The username or password is wrong.' }).waitFor()
    await screenshot(page, 'studio-sign-in-dialog-error')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    // Encoded while signed out: it waits, and the Uploads screen says what to do.
    const id = await encodeClip(page)
    await page.getByRole('link', { name: 'Uploads' }).click()
    const row = page.getByRole('listitem', { name: CAPTION })
    await row.getByText('Waiting for sign-in').waitFor()
    const banner = page.getByRole('status').filter({ hasText: 'Sign in to upload' })
    await banner.getByText('1 reel is waiting.', { exact: false }).waitFor()
    await screenshot(page, 'studio-uploads-signed-out')

    await banner.getByRole('button', { name: 'Sign in' }).click()
    await dialog.getByLabel('Username').fill(CREATOR.username)
    await dialog.getByLabel('Password').fill(CREATOR.password)
    await dialog.getByLabel('Server').fill(env.server.url)
    await page.waitForFunction(() => document.querySelectorAll('.sign-in-dialog input').length === 3)
    await screenshot(page, 'studio-sign-in-dialog')
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    await rail.getByText('maya', { exact: true }).waitFor()
    await rail.getByText(new URL(env.server.url).host).waitFor()
    await rail
      .getByRole('status')
      .filter({ hasText: /Server (Online|Syncing)/ })
      .waitFor()
    expect(await banner.count()).toBe(0)

    // Moving: bytes, speed and time left on the row, the speed on the library badge too.
    await row.getByText('Uploading', { exact: true }).waitFor({ timeout: 20_000 })
    await row.getByText(/\d+ (KB|MB)\/s/).waitFor()
    await row.getByText(/\d+ s left|\d+ min/).waitFor()
    await screenshot(page, 'studio-uploads-progress')
    await page.getByRole('link', { name: 'Library' }).click()
    await page.locator('.reel-card .status-badge', { hasText: /^Uploading \d+ (KB|MB)\/s$/ }).waitFor()
    await page.getByRole('link', { name: 'Uploads' }).click()

    // Pause and resume from the row; Cancel asks first, and keeping it changes nothing.
    await row.getByRole('button', { name: 'Pause' }).click()
    await row.getByText('Paused', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Resume all' }).isEnabled()).toBe(true)
    await row.getByRole('button', { name: 'Resume' }).click()
    await row.getByText('Uploading', { exact: true }).waitFor()
    await row.getByRole('button', { name: 'Cancel upload' }).click()
    const confirm = page.getByRole('alertdialog', { name: `Cancel the upload of “${CAPTION}”?` })
    await confirm.getByRole('button', { name: 'Keep uploading' }).click()
    await expect.poll(() => confirm.count()).toBe(0)
    const progress = row.getByRole('progressbar', { name: 'Upload progress' })
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow'))).toBeGreaterThan(10)

    // The server goes away mid-upload: the studio says it is offline and waits.
    const port = new URL(env.server.url).port
    await env.server.stop()
    const offline = page.getByRole('status').filter({ hasText: 'Offline — waiting for the server' })
    await offline.waitFor({ timeout: 30_000 })
    await row.getByText('Waiting for the server').waitFor()
    await rail.getByRole('status').filter({ hasText: 'Server Offline' }).waitFor()
    const stoppedAt = Number(await progress.getAttribute('aria-valuenow'))
    expect(stoppedAt).toBeLessThan(100)
    await screenshot(page, 'studio-uploads-offline')

    // Back on the same address with the same data: the upload carries on and is published.
    env.server = await startTestServer({ SPOOL_PORT: port }, env.serverDir)
    await row.getByText('Published').waitFor({ timeout: 60_000 })
    expect(await offline.count()).toBe(0)
    const link = row.getByRole('link', { name: 'View on Spool' })
    expect(await link.getAttribute('href')).toBe(`${env.server.url}/r/${id}`)
    expect(await link.getAttribute('target')).toBe('_blank')
    await page.waitForFunction(() => [...document.images].every((img) => img.complete))
    await screenshot(page, 'studio-uploads-published')
    await page.getByRole('link', { name: 'Library' }).click()
    await page.locator('.reel-card .status-badge', { hasText: /^Published$/ }).waitFor()
    await page.getByRole('link', { name: 'Uploads' }).click()

    // The link opens the viewer app in a new tab, and the reel plays.
    const [viewer] = await Promise.all([page.context().waitForEvent('page'), link.click()])
    const viewerErrors: string[] = []
    viewer.on('pageerror', (error) => viewerErrors.push(error.message))
    await viewer.waitForURL(`${env.server.url}/r/${id}`)
    await waitUntilReelPlays(viewer, id!)
    await viewer.locator('.reel-caption', { hasText: CAPTION }).first().waitFor()
    await screenshot(viewer, 'studio-published-in-viewer')
    expect(viewerErrors).toEqual([])
    await viewer.close()

    // Sign out from the rail.
    await rail.getByRole('button', { name: 'Sign out maya' }).click()
    await rail.getByText('Not signed in').waitFor()
    expect(errors).toEqual([])
  }, 300_000)
})
