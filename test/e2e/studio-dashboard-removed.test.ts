// The creator's Dashboard in Chromium (studio:web against a real server) when moderation removes
// one of the creator's reels: its row stays, marked "Removed", and its numbers leave the totals,
// live, without a reload; a restore brings both back. The reel opened in detail says "Removed".
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from '../support/browser'
import { publishTestReel } from '../support/published-reel'
import { api, register } from '../support/server'
import { CREATOR, signIn, studioWithServer } from '../support/studio-with-server'

const KEPT = 'Still on the air'
const TAKEN_DOWN = 'Taken down for a while'

describe('studio dashboard, a reel removed by moderation', () => {
  const env = studioWithServer('dash-removed')
  let moderator: string
  let removedId: string

  beforeAll(async () => {
    const maya = (await api(env.server.url, 'POST', '/api/auth/login', { body: CREATOR })).body.token
    moderator = await register(env.server.url, 'mod', CREATOR.password)
    await api(env.server.url, 'PUT', '/api/admin/users/mod/roles', {
      token: maya,
      body: { roles: ['moderator'] },
    })
    const viewer = await register(env.server.url, 'fan', CREATOR.password)
    await publishTestReel(env.server.url, maya, KEPT)
    removedId = await publishTestReel(env.server.url, maya, TAKEN_DOWN)
    await api(env.server.url, 'PUT', `/api/reels/${removedId}/like`, { token: viewer })
  })

  const total = (page: Page, metric: string) => page.locator(`.dash-total[data-metric="${metric}"] dd`)
  const moderate = (action: 'remove' | 'restore') =>
    api(env.server.url, 'POST', `/api/admin/reels/${removedId}/${action}`, { token: moderator })

  it('marks the row removed and leaves it out of the totals; a restore undoes both', async () => {
    const { context, page, errors } = await openPage(env.browser, env.studio.ready)
    try {
      await signIn(page, env.server.url)
      await page.getByRole('link', { name: 'Dashboard' }).click()
      const reels = page.getByRole('list', { name: 'Reels' })
      const row = reels.getByRole('listitem').filter({ hasText: TAKEN_DOWN })
      await row.waitFor({ timeout: 20_000 })
      await expect.poll(() => total(page, 'likes').textContent(), { timeout: 10_000 }).toBe('1')
      expect(await row.getAttribute('data-removed')).toBeNull()

      // Opened in detail while it is taken down: the sheet says so at once (the server closes the
      // reel's live document as gone).
      await row.getByRole('button', { name: `Open “${TAKEN_DOWN}”` }).click()
      const panel = page.getByRole('dialog', { name: TAKEN_DOWN })
      const status = panel.getByRole('status')
      await status.getByText('Live').waitFor({ timeout: 10_000 })
      expect((await moderate('remove')).status).toBe(200)
      await status.getByText('Removed').waitFor({ timeout: 10_000 })
      await screenshot(page, 'studio-dashboard-reel-detail-removed')
      await panel.getByRole('button', { name: 'Close' }).click()
      await panel.waitFor({ state: 'detached' })
      await expect.poll(() => row.getAttribute('data-removed'), { timeout: 10_000 }).toBe('true')
      await row.getByText(/^Removed .* no longer counted$/).waitFor()
      await expect.poll(() => total(page, 'likes').textContent()).toBe('0')
      // The other reel is untouched.
      const kept = reels.getByRole('listitem').filter({ hasText: KEPT })
      expect(await kept.getAttribute('data-removed')).toBeNull()
      await screenshot(page, 'studio-dashboard-reel-removed')

      expect((await moderate('restore')).status).toBe(200)
      await expect.poll(() => row.getAttribute('data-removed'), { timeout: 10_000 }).toBeNull()
      await row.getByText(/^Published /).waitFor()
      await expect.poll(() => total(page, 'likes').textContent()).toBe('1')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
