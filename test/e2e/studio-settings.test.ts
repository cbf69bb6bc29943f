// The studio renderer in real Chromium against a real studio:web process: change settings through
// the UI, see them survive a reload (token moved to sessionStorage) and a restart of the studio on
// the same data dir; invalid input is explained next to its field. Screenshots in both themes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, openPage, screenshot } from '../support/browser'
import type { Started } from '../support/process'
import { startStudioProcess } from '../support/studio-web'

function startStudio(dataDir: string): Promise<Started> {
  return startStudioProcess(dataDir)
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('status').filter({ hasText: 'Studio core connected' }).waitFor()
  await page.getByRole('radiogroup', { name: 'Theme' }).waitFor()
}

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme)

describe('studio settings', () => {
  let dataDir: string
  let studio: Started
  let browser: Browser

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'spool-studio-e2e-'))
    studio = await startStudio(dataDir)
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await studio?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('saves settings through the UI and keeps them across a reload and a studio restart', async () => {
    const { page, errors, context } = await openPage(browser, studio.ready)

    // The token leaves the address bar at once and lives in this tab's sessionStorage.
    await page.getByRole('navigation', { name: 'Studio sections' }).waitFor()
    expect(page.url()).not.toContain('token')
    expect(await page.evaluate(() => sessionStorage.getItem('spool.bridge-token'))).toBe(
      new URL(studio.ready).searchParams.get('token'),
    )
    // Moderation is for moderators; nobody is signed in.
    expect(await page.getByRole('link', { name: 'Moderation' }).count()).toBe(0)
    await page.getByText('Not signed in').waitFor()

    await openSettings(page)
    expect(await theme(page)).toBe('dark')
    expect(await page.getByRole('radio', { name: 'Dark' }).getAttribute('aria-checked')).toBe('true')
    await page.getByText('Browser (local WebSocket bridge)').waitFor()
    await page.getByText(dataDir).waitFor()
    await screenshot(page, 'studio-settings-dark')

    // Theme: a Radix radio card.
    await page.getByRole('radio', { name: 'Light' }).click()
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light')

    // Server address: the core refuses a bad one, and the reason shows next to the field.
    const serverUrl = page.getByLabel('Server address')
    await serverUrl.fill('ftp://nope')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('That is not a server address Spool can use').waitFor()
    expect(await serverUrl.getAttribute('aria-invalid')).toBe('true')
    await screenshot(page, 'studio-settings-invalid-url')

    await serverUrl.fill('https://reels.example.com')
    await serverUrl.press('Enter')
    await page.locator('#server-url-status').getByText('Saved', { exact: true }).waitFor()
    expect(await serverUrl.getAttribute('aria-invalid')).toBeNull()

    // Parallel uploads: out of range is explained; a valid number is saved.
    const concurrency = page.getByRole('spinbutton', { name: 'Parallel uploads' })
    await concurrency.fill('12')
    await page.getByText('Choose a whole number from 1 to 8.').waitFor()
    await concurrency.fill('4')
    await page.waitForFunction(() => !document.querySelector('[aria-invalid="true"]'))

    // Keyboard: Space toggles the notifications switch.
    const notifications = page.getByRole('switch', { name: 'Desktop notifications' })
    await notifications.focus()
    await page.keyboard.press('Space')
    await page.waitForFunction(
      () => document.querySelector('#notifications-switch')?.getAttribute('aria-checked') === 'false',
    )
    await screenshot(page, 'studio-settings-light')

    // Reload: the token comes from sessionStorage; the values come from the core.
    await page.reload()
    await openSettings(page)
    expect(page.url()).not.toContain('token')
    expect(await page.getByRole('radio', { name: 'Light' }).getAttribute('aria-checked')).toBe('true')
    expect(await theme(page)).toBe('light')
    expect(await page.getByLabel('Server address').inputValue()).toBe('https://reels.example.com')
    expect(await page.getByRole('spinbutton', { name: 'Parallel uploads' }).inputValue()).toBe('4')
    expect(await notifications.getAttribute('aria-checked')).toBe('false')
    expect(errors).toEqual([])

    // Restart the studio on the same data dir: a new port and token. The old tab notices.
    await studio.stop()
    await page.getByRole('status').filter({ hasText: 'Reconnecting to studio core' }).waitFor()
    studio = await startStudio(dataDir)
    await context.close()

    const second = await openPage(browser, studio.ready)
    await openSettings(second.page)
    expect(await second.page.getByRole('radio', { name: 'Light' }).getAttribute('aria-checked')).toBe('true')
    expect(await theme(second.page)).toBe('light')
    expect(await second.page.getByLabel('Server address').inputValue()).toBe('https://reels.example.com')
    expect(await second.page.getByRole('spinbutton', { name: 'Parallel uploads' }).inputValue()).toBe('4')
    expect(second.errors).toEqual([])
    await second.context.close()
  })

  it('shows honest empty states on every screen before there is anything to show', async () => {
    const { page, errors, context } = await openPage(browser, studio.ready)
    for (const [link, heading] of [
      ['Library', 'Import a video to start'],
      ['Create', 'No draft open'],
      ['Uploads', 'Nothing is uploading'],
      ['Dashboard', 'Sign in to see your numbers'],
    ] as const) {
      await page.getByRole('link', { name: link }).click()
      await page.getByRole('heading', { level: 1, name: link }).waitFor()
      await page.getByRole('heading', { level: 2, name: heading }).waitFor()
      expect(await page.getByRole('link', { name: link }).getAttribute('aria-current')).toBe('page')
    }
    await page.getByRole('link', { name: 'Library' }).click()
    // Park the pointer on the content so no rail item is caught mid-hover.
    await page.getByRole('heading', { level: 1, name: 'Library' }).hover()
    await page.waitForTimeout(200)
    await screenshot(page, 'studio-library-empty')
    expect(errors).toEqual([])
    await context.close()
  })
})
