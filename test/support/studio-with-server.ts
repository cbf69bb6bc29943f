// A real server with one creator account (maya), a studio:web process and one Chromium, for a
// describe block of e2e tests that publish from the studio; all stopped and removed afterwards.
// The server keeps its own data folder, so a test may stop it and start it again on the same data
// (assign the new one to `env.server`: that is the one stopped at the end).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser'
import type { Started } from './process'
import { register, startTestServer, type TestServer } from './server'
import { startStudioProcess } from './studio-web'

export const CREATOR = { username: 'maya', password: 'a long enough password' }

export interface StudioWithServer {
  serverDir: string
  server: TestServer
  studio: Started
  browser: Browser
}

/** Call inside `describe`; the fields are set once `beforeAll` has run. */
export function studioWithServer(name: string, studioEnv: Record<string, string> = {}): StudioWithServer {
  const env = {} as StudioWithServer
  let studioDir = ''
  beforeAll(async () => {
    env.serverDir = mkdtempSync(join(tmpdir(), `spool-${name}-server-`))
    studioDir = mkdtempSync(join(tmpdir(), `spool-${name}-studio-`))
    env.server = await startTestServer({}, env.serverDir)
    await register(env.server.url, CREATOR.username, CREATOR.password)
    env.studio = await startStudioProcess(studioDir, studioEnv)
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.studio?.stop()
    await env.server?.stop()
    for (const dir of [env.serverDir, studioDir]) if (dir) rmSync(dir, { recursive: true, force: true })
  })
  return env
}

/** Fills the studio's "Sign in to Spool" dialog as the creator and submits it. */
export async function fillSignIn(dialog: Locator, serverUrl: string, password = CREATOR.password) {
  await dialog.getByLabel('Server').fill(serverUrl)
  await dialog.getByLabel('Username').fill(CREATOR.username)
  await dialog.getByLabel('Password').fill(password)
  await dialog.getByRole('button', { name: 'Sign in' }).click()
}

/** Signs in from the rail and waits until the rail shows the creator. */
export async function signIn(page: Page, serverUrl: string) {
  const rail = page.locator('.rail-footer')
  await rail.getByRole('button', { name: 'Sign in' }).click()
  const dialog = page.getByRole('dialog', { name: 'Sign in to Spool' })
  await fillSignIn(dialog, serverUrl)
  await dialog.waitFor({ state: 'hidden' })
  await rail.getByText(CREATOR.username, { exact: true }).waitFor()
}
