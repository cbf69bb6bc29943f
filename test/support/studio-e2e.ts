// One studio:web process on a fresh data folder and one Chromium for a describe block of e2e tests,
// stopped and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser'
import type { Started } from './process'
import { startStudioProcess } from './studio-web'

export interface StudioInChromium {
  dataDir: string
  studio: Started
  browser: Browser
}

/** Call inside `describe`; the fields are set once `beforeAll` has run. */
export function studioInChromium(prefix: string): StudioInChromium {
  const env = {} as StudioInChromium
  beforeAll(async () => {
    env.dataDir = mkdtempSync(join(tmpdir(), prefix))
    env.studio = await startStudioProcess(env.dataDir)
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.studio?.stop()
    if (env.dataDir) rmSync(env.dataDir, { recursive: true, force: true })
  })
  return env
}
