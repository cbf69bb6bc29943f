// "Use this sound" end to end in real Chromium: the studio (studio:web) is opened with
// ?open=<spool://use-sound link> for a reel another creator published; signed out, it asks to sign
// in to that server (prefilled), downloads the sound with progress, takes a generated silent clip,
// and opens the new draft in the editor with that sound as its replacement ("«title» · @creator").
// Encoded with ffmpeg.wasm and uploaded, the reel is published crediting the source, and native
// ffmpeg hears the source's 440 Hz tone in it. A broken link and an unknown sound are refused in words.
import { readFileSync } from 'node:fs'
import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { buildUseSoundLink } from '../../shared/api/studio-links'
import { openPage, screenshot } from '../support/browser'
import { decodeAudio, SAMPLE_RATE, toneFrequency } from '../support/decoded-audio'
import { ensureMedia } from '../support/media'
import { publishTestReel } from '../support/published-reel'
import { api, register } from '../support/server'
import { fillSignIn, studioWithServer } from '../support/studio-with-server'
import { connectStudioWeb } from '../support/studio-web'

const CAPTION = 'Dancing to ana’s beat #dance'

describe('use this sound (studio)', () => {
  const env = studioWithServer('use-sound', { SPOOL_STUDIO_UPLOAD_POLL_MS: '200' })

  it('opens the flow from the link, signs in, downloads the sound, drafts, encodes and publishes with it', async () => {
    const ana = await register(env.server.url, 'ana')
    const sourceId = await publishTestReel(env.server.url, ana, 'My beat #music')
    // The complete encode path that works everywhere (studio-journey does the same in Settings).
    const core = await connectStudioWeb(env.studio)
    await core.call('settings.set', { encoder: 'ffmpeg-wasm' })
    core.close()

    const link = buildUseSoundLink({ server: env.server.url, sound: sourceId })
    const { page, errors } = await openPage(
      env.browser,
      `${env.studio.ready}&open=${encodeURIComponent(link)}`,
    )
    // The link is taken out of the address bar (a reload must not start the flow again).
    await expect.poll(() => new URL(page.url()).searchParams.has('open')).toBe(false)

    const flow = page.getByRole('dialog', { name: /New reel with a sound from 127\.0\.0\.1/ })
    await flow.getByText(`Sign in to ${new URL(env.server.url).host} to use this sound.`).waitFor()
    await screenshot(page, 'studio-use-sound-sign-in')
    await flow.getByRole('button', { name: /^Sign in to / }).click()
    const signIn = page.getByRole('dialog', { name: 'Sign in to Spool' })
    expect(await signIn.getByLabel('Server').inputValue()).toBe(env.server.url)
    await fillSignIn(signIn, env.server.url)
    await signIn.waitFor({ state: 'hidden' })

    const ready = page.getByRole('dialog', { name: 'New reel with sound “Original sound” · @ana' })
    await ready.getByTestId('use-sound-summary').filter({ hasText: '“Original sound” · @ana' }).waitFor()
    await screenshot(page, 'studio-use-sound-ready')
    const clip = readFileSync(await ensureMedia('portrait-noaudio-3s'))
    await ready
      .getByLabel('Choose a video for this sound')
      .setInputFiles([{ name: 'dance.mp4', mimeType: 'video/mp4', buffer: clip }])

    // The new draft opens in the editor, its sound replaced by ana's.
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 30_000 }).toMatch(/^#\/create\//)
    await ready.waitFor({ state: 'hidden' })
    const [id] = (await page.evaluate(() => location.hash)).match(/[0-9A-HJKMNP-TV-Z]{26}/) ?? []
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.locator('.sound-file-name').filter({ hasText: '“Original sound” · @ana' }).waitFor()
    expect(await page.getByRole('radio', { name: 'Replace' }).getAttribute('aria-checked')).toBe('true')
    await inspector.getByRole('button', { name: 'Remove this sound' }).waitFor()
    await inspector.getByLabel('Caption').fill(CAPTION)
    await page.locator('.save-state[data-state="saved"]').waitFor()
    await screenshot(page, 'studio-use-sound-editor')

    const panel = page.getByRole('region', { name: 'Encode & queue' })
    await panel.getByRole('button', { name: 'Encode & queue' }).click()
    await page.getByRole('link', { name: 'Uploads' }).click()
    await page.getByRole('listitem', { name: CAPTION }).getByText('Published').waitFor({ timeout: 180_000 })

    const reel = await api(env.server.url, 'GET', `/api/reels/${id}`)
    expect(reel.body.sound).toEqual({ id: sourceId, title: 'Original sound', creator: 'ana' })
    // The clip is silent; what is heard is the source reel's 440 Hz, for the clip's 3 s.
    const samples = await decodeAudio(`${env.server.url}/media/${id}/360p/index.m3u8`)
    expect(samples.length / SAMPLE_RATE).toBeGreaterThan(2.8)
    expect(samples.length / SAMPLE_RATE).toBeLessThan(3.3)
    expect(toneFrequency(samples)).toBeGreaterThan(430)
    expect(toneFrequency(samples)).toBeLessThan(450)
    expect(errors).toEqual([])
  }, 300_000)

  it('says so when the link is not one the studio can open, or its sound is not on the server', async () => {
    const broken = encodeURIComponent('spool://use-sound?server=javascript:alert(1)&sound=x')
    const { page, errors } = await openPage(env.browser, `${env.studio.ready}&open=${broken}`)
    const dialog = page.getByRole('dialog', { name: 'This link can’t be opened' })
    await dialog.getByRole('alert').filter({ hasText: 'not one Spool Studio can open' }).waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // Signed in (by the test before) to the right server, but nothing was published under this id.
    const unknown = buildUseSoundLink({ server: env.server.url, sound: ulid() })
    await page.goto(`${env.studio.ready}&open=${encodeURIComponent(unknown)}`)
    const flow = page.getByRole('dialog', { name: /New reel with a sound from/ })
    await flow
      .getByRole('alert')
      .filter({ hasText: /^This sound is not on 127\.0\.0\.1:\d+/ })
      .waitFor()
    await flow.getByRole('button', { name: 'Try again' }).waitFor()
    await screenshot(page, 'studio-use-sound-not-found')
    await flow.getByRole('button', { name: 'Cancel' }).click()
    await flow.waitFor({ state: 'hidden' })
    expect(errors).toEqual([])
  })
})
