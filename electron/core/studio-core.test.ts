import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadMigrations } from '../../shared/node/sqlite-migrations'
import { DB_FILE_NAME, defaultMigrationsDir } from './db'
import { defaultSettings } from './domains/settings'
import { createStudioCore, type StudioCore } from './index'

let dataDir: string
const open: StudioCore[] = []
const context = { transport: 'web-bridge' } as const

function start(): StudioCore {
  const core = createStudioCore({ dataDir, version: '9.9.9' })
  open.push(core)
  return core
}

let nextId = 1
async function call(core: StudioCore, method: string, params: unknown = {}) {
  return core.dispatch({ type: 'request', id: nextId++, method, params }, context)
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-core-'))
})
afterEach(() => {
  open.splice(0).forEach((core) => core.close())
  rmSync(dataDir, { recursive: true, force: true })
})

describe('studio core', () => {
  it('answers app.info with the version, data dir, transport and schema version', async () => {
    const core = start()
    expect(await call(core, 'app.info')).toMatchObject({
      ok: true,
      result: {
        name: 'Spool Studio',
        version: '9.9.9',
        dataDir,
        transport: 'web-bridge',
        schemaVersion: loadMigrations(defaultMigrationsDir).length,
      },
    })
  })

  it('reads the version from package.json when the host does not pass one', async () => {
    const core = createStudioCore({ dataDir })
    open.push(core)
    const response = await call(core, 'app.info')
    expect(response.ok && (response.result as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('starts with the default settings', async () => {
    expect(await call(start(), 'settings.get')).toMatchObject({ ok: true, result: defaultSettings })
  })

  it('merges a partial change, emits settings.changed, and keeps it across close and reopen', async () => {
    const core = start()
    const events: unknown[] = []
    core.onEvent((name, payload) => events.push({ name, payload }))
    const response = await call(core, 'settings.set', {
      theme: 'light',
      serverUrl: 'https://spool.example/api',
    })
    const expected = { ...defaultSettings, theme: 'light', serverUrl: 'https://spool.example/api' }
    expect(response).toMatchObject({ ok: true, result: expected })
    expect(events).toEqual([{ name: 'settings.changed', payload: expected }])
    await call(core, 'settings.set', { uploadConcurrency: 5 })
    core.close()

    const reopened = start()
    expect(await call(reopened, 'settings.get')).toMatchObject({
      ok: true,
      result: { ...expected, uploadConcurrency: 5 },
    })
  })

  it('refuses an invalid change without storing any part of it or emitting', async () => {
    const core = start()
    const events: unknown[] = []
    core.onEvent((name) => events.push(name))
    const response = await call(core, 'settings.set', { theme: 'light', uploadConcurrency: 0 })
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
    expect(events).toEqual([])
    expect(await call(core, 'settings.get')).toMatchObject({ result: defaultSettings })
  })

  it('falls back to the default for a stored value that no longer passes the contract', async () => {
    start().close()
    const db = new Database(join(dataDir, DB_FILE_NAME))
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('uploadConcurrency', '64', 'x')").run()
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('retiredSetting', 'true', 'x')").run()
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('theme', '\"light\"', 'x')").run()
    db.close()
    expect(await call(start(), 'settings.get')).toMatchObject({
      ok: true,
      result: { ...defaultSettings, theme: 'light' },
    })
  })

  it('answers unavailable after close instead of touching the closed database', async () => {
    const core = start()
    core.close()
    expect(await call(core, 'settings.get')).toMatchObject({ ok: false, error: { code: 'unavailable' } })
  })
})
