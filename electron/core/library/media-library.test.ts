// The library through the real core (contract checks, SQLite, files on disk) with videos generated
// by ffmpeg: what an import records, what a refused file leaves behind (nothing), search, delete,
// thumbnails, and the start-up sweep of interrupted imports.
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportProgress, LibraryItem, SoundFile } from '../../../shared/rpc/contract'
import { ensureMedia, type MediaName } from '../../../test/support/media'
import { createStudioCore, type StudioCore } from '../index'
import type { FreeBytes } from './disk-space'

let dataDir: string
const open: StudioCore[] = []
const electron = { transport: 'electron' } as const

function start(freeBytes?: FreeBytes): StudioCore {
  const core = createStudioCore({ dataDir, version: '0.0.0', freeBytes })
  open.push(core)
  return core
}

let nextId = 1
async function call(core: StudioCore, method: string, params: unknown = {}, context = electron) {
  return core.dispatch({ type: 'request', id: nextId++, method, params }, context)
}

async function importMedia(core: StudioCore, name: MediaName, importId?: string) {
  return call(core, 'library.importFile', { path: await ensureMedia(name), importId })
}

function resultOf<T>(response: Awaited<ReturnType<typeof call>>): T {
  if (!response.ok) throw new Error(`expected ok, got ${JSON.stringify(response.error)}`)
  return response.result as T
}

const libraryEntries = () =>
  existsSync(join(dataDir, 'library')) ? readdirSync(join(dataDir, 'library')) : []
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-library-'))
})
afterEach(() => {
  open.splice(0).forEach((core) => core.close())
  rmSync(dataDir, { recursive: true, force: true })
})

describe('importing', () => {
  it.each([
    ['portrait-1080x1920-audio-2s', { width: 1080, height: 1920, durationMs: 2000, hasAudio: true }],
    [
      'portrait-noaudio-3s',
      { width: 1080, height: 1920, durationMs: 3000, hasAudio: false, audioCodec: null },
    ],
    ['landscape-1920x1080-audio-4s', { width: 1920, height: 1080, durationMs: 4000, hasAudio: true }],
  ] as const)('imports %s as a draft with its probe data, size and sha256', async (name, probe) => {
    const core = start()
    const source = await ensureMedia(name)
    const item = resultOf<LibraryItem>(await importMedia(core, name))

    expect(item).toMatchObject({
      status: 'draft',
      sourceName: source.split('/').pop(),
      caption: '',
      sizeBytes: statSync(source).size,
      sha256: sha256(source),
      thumbnailCount: 0,
      rejectReason: null,
      probe: { container: 'MP4', rotation: 0, ...probe },
    })
    expect(item.id).toMatch(/^[0-9A-Z]{26}$/)
    expect(item.probe.videoCodec).toMatch(/^avc1\./)
    if (probe.hasAudio) expect(item.probe.audioCodec).toMatch(/^mp4a\./)
    // The fixtures are made at 30 fps; the editor steps by this.
    expect(item.probe.frameRate).toBeCloseTo(30, 0)
    // The copy is byte-identical and lives in the item's own folder; no temp folder remains.
    const copy = join(dataDir, 'library', item.id, 'source.mp4')
    expect(sha256(copy)).toBe(item.sha256)
    expect(libraryEntries()).toEqual([item.id])
    expect(resultOf<LibraryItem>(await call(core, 'library.get', { id: item.id }))).toEqual(item)
  })

  it('reports progress from copying through probing to done, then says the library changed', async () => {
    const core = start()
    const events: Array<{ name: string; payload: unknown }> = []
    core.onEvent((name, payload) => events.push({ name, payload }))
    const source = await ensureMedia('portrait-1080x1920-audio-6s')
    const item = resultOf<LibraryItem>(await importMedia(core, 'portrait-1080x1920-audio-6s', 'my-import-1'))

    const progress = events
      .filter((e) => e.name === 'library.importProgress')
      .map((e) => e.payload as ImportProgress)
    expect(progress[0]).toMatchObject({ importId: 'my-import-1', phase: 'copying', bytesDone: 0 })
    expect(progress.at(-2)).toMatchObject({ phase: 'probing', bytesDone: statSync(source).size })
    expect(progress.at(-1)).toEqual({
      importId: 'my-import-1',
      fileName: source.split('/').pop(),
      bytesDone: statSync(source).size,
      bytesTotal: statSync(source).size,
      phase: 'done',
      itemId: item.id,
    })
    expect(events.at(-1)).toEqual({ name: 'library.changed', payload: { id: item.id, change: 'added' } })
  })

  it('allows importing the same file twice: two drafts with the same sha256', async () => {
    const core = start()
    const first = resultOf<LibraryItem>(await importMedia(core, 'portrait-noaudio-3s'))
    const second = resultOf<LibraryItem>(await importMedia(core, 'portrait-noaudio-3s'))
    expect(second.id).not.toBe(first.id)
    expect(second.sha256).toBe(first.sha256)
  })

  it.each([
    ['random-bytes-mp4', 'its format is not recognised'],
    ['truncated-mp4', 'it is incomplete or damaged'],
  ] as const)('refuses %s with a clear message and leaves no row and no file', async (name, reason) => {
    const core = start()
    const events: Array<{ name: string; payload: unknown }> = []
    core.onEvent((eventName, payload) => events.push({ name: eventName, payload }))
    const response = await importMedia(core, name)

    expect(response).toMatchObject({
      ok: false,
      error: {
        code: 'unsupported_media',
        message: expect.stringContaining("This file isn't a video Spool can read"),
      },
    })
    expect(response.ok ? '' : response.error.message).toContain(reason)
    expect(resultOf<{ items: unknown[] }>(await call(core, 'library.list')).items).toEqual([])
    expect(libraryEntries()).toEqual([])
    expect(events.at(-1)).toMatchObject({ name: 'library.importProgress', payload: { phase: 'failed' } })
    expect(events.some((e) => e.name === 'library.changed')).toBe(false)
  })

  it('refuses a file that is not a video at all (a text file named .mp4)', async () => {
    const core = start()
    const fake = join(dataDir, 'notes.mp4')
    writeFileSync(fake, 'just some text, not a movie\n'.repeat(100))
    const response = await call(core, 'library.importFile', { path: fake })
    expect(response).toMatchObject({ ok: false, error: { code: 'unsupported_media' } })
    expect(libraryEntries()).toEqual([])
  })

  it('checks free disk space before copying anything', async () => {
    const asked: string[] = []
    const core = start(async (dir) => {
      asked.push(dir)
      return 10 * 1024 * 1024
    })
    const response = await importMedia(core, 'portrait-1080x1920-audio-2s')
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'insufficient_storage', message: expect.stringContaining('Not enough free disk space') },
    })
    expect(asked).toEqual([join(dataDir, 'library')])
    expect(libraryEntries()).toEqual([])
  })

  it('says so when the file to import is missing', async () => {
    const core = start()
    const response = await call(core, 'library.importFile', { path: join(dataDir, 'gone.mp4') })
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('gone.mp4') },
    })
  })

  it('takes paths only from the desktop app, not from the browser bridge', async () => {
    const core = start()
    const response = await call(
      core,
      'library.importFile',
      { path: await ensureMedia('portrait-noaudio-3s') },
      { transport: 'web-bridge' } as never,
    )
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_params' } })
    expect(libraryEntries()).toEqual([])
  })

  it('cancels a running import and removes what it wrote', async () => {
    const core = start()
    const body = new PassThrough()
    const running = core.library.importStream({
      stream: body,
      fileName: 'slow.mp4',
      bytesTotal: 10_000_000,
      importId: 'slow-one',
    })
    body.write(Buffer.alloc(64 * 1024))
    await expect.poll(() => libraryEntries().length).toBe(1) // the temp folder
    expect(await call(core, 'library.cancelImport', { importId: 'slow-one' })).toMatchObject({
      ok: true,
      result: { cancelled: true },
    })
    await expect(running).rejects.toMatchObject({
      code: 'cancelled',
      message: 'Import of "slow.mp4" was cancelled.',
    })
    expect(libraryEntries()).toEqual([])
    expect(await call(core, 'library.cancelImport', { importId: 'slow-one' })).toMatchObject({
      result: { cancelled: false },
    })
  })

  it('refuses a request body that ends before its announced length', async () => {
    const core = start()
    const body = new PassThrough()
    const running = core.library.importStream({ stream: body, fileName: 'cut.mp4', bytesTotal: 1000 })
    body.end(Buffer.alloc(10))
    await expect(running).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('stopped after 10 of 1000 bytes'),
    })
    expect(libraryEntries()).toEqual([])
  })

  it('removes leftovers of an import interrupted by a crash on the next start', () => {
    start().close()
    const library = join(dataDir, 'library')
    mkdirSync(join(library, '.import-abc-1234'))
    writeFileSync(join(library, '.import-abc-1234', 'source.part'), 'half a video')
    mkdirSync(join(library, '01HZZZZZZZZZZZZZZZZZZZZZZZ'))
    start()
    expect(libraryEntries()).toEqual([])
  })
})

describe('the library', () => {
  async function seed(core: StudioCore) {
    const portrait = resultOf<LibraryItem>(await importMedia(core, 'portrait-1080x1920-audio-2s'))
    const silent = resultOf<LibraryItem>(await importMedia(core, 'portrait-noaudio-3s'))
    const landscape = resultOf<LibraryItem>(await importMedia(core, 'landscape-1920x1080-audio-4s'))
    return { portrait, silent, landscape }
  }
  const ids = (response: Awaited<ReturnType<typeof call>>) =>
    resultOf<{ items: LibraryItem[] }>(response).items.map((item) => item.id)

  it('lists newest first, searches file names case-insensitively, filters by status', async () => {
    const core = start()
    const { portrait, silent, landscape } = await seed(core)
    expect(ids(await call(core, 'library.list'))).toEqual([landscape.id, silent.id, portrait.id])
    expect(ids(await call(core, 'library.list', { query: 'NOAUDIO' }))).toEqual([silent.id])
    expect(ids(await call(core, 'library.list', { query: 'portrait' }))).toEqual([silent.id, portrait.id])
    // Wildcards typed by a person are literal characters.
    expect(ids(await call(core, 'library.list', { query: '%' }))).toEqual([])
    expect(ids(await call(core, 'library.list', { status: 'draft', query: 'landscape' }))).toEqual([
      landscape.id,
    ])
    expect(ids(await call(core, 'library.list', { status: 'published' }))).toEqual([])
    expect(await call(core, 'library.list', { status: 'lost' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
  })

  it('deletes an item with its files, and says so', async () => {
    const core = start()
    const { portrait, silent } = await seed(core)
    const events: unknown[] = []
    core.onEvent((name, payload) => events.push({ name, payload }))
    expect(await call(core, 'library.delete', { id: portrait.id })).toMatchObject({
      ok: true,
      result: { deleted: true },
    })
    expect(existsSync(join(dataDir, 'library', portrait.id))).toBe(false)
    expect(existsSync(join(dataDir, 'library', silent.id, 'source.mp4'))).toBe(true)
    expect(events).toEqual([{ name: 'library.changed', payload: { id: portrait.id, change: 'deleted' } }])
    expect(await call(core, 'library.get', { id: portrait.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(await call(core, 'library.delete', { id: portrait.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
  })

  it('stores a poster strip of JPEGs and refuses images that are not JPEGs', async () => {
    const core = start()
    const item = resultOf<LibraryItem>(await importMedia(core, 'portrait-noaudio-3s'))
    const jpeg = (n: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0xd9]).toString('base64')
    const saved = resultOf<LibraryItem>(
      await call(core, 'library.saveThumbnails', { id: item.id, images: [jpeg(1), jpeg(2), jpeg(3)] }),
    )
    expect(saved.thumbnailCount).toBe(3)
    expect(readdirSync(join(dataDir, 'library', item.id, 'thumbs'))).toEqual(['00.jpg', '01.jpg', '02.jpg'])
    expect(core.library.mediaFile(item.id, { thumbnail: 2 })).toBe(
      join(dataDir, 'library', item.id, 'thumbs', '02.jpg'),
    )
    expect(core.library.mediaFile(item.id, { thumbnail: 3 })).toBeNull()

    // A second strip replaces the first entirely.
    await call(core, 'library.saveThumbnails', { id: item.id, images: [jpeg(9)] })
    expect(readdirSync(join(dataDir, 'library', item.id, 'thumbs'))).toEqual(['00.jpg'])

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('base64')
    expect(await call(core, 'library.saveThumbnails', { id: item.id, images: [png] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params', message: 'Thumbnail 1 is not a JPEG image' },
    })
    const tooMany = Array.from({ length: 13 }, (_, n) => jpeg(n))
    expect(await call(core, 'library.saveThumbnails', { id: item.id, images: tooMany })).toMatchObject({
      ok: false,
      error: { code: 'invalid_params' },
    })
    expect(resultOf<LibraryItem>(await call(core, 'library.get', { id: item.id })).thumbnailCount).toBe(1)
  })
})

describe('replacement sounds', () => {
  async function draft(core: StudioCore) {
    return resultOf<LibraryItem>(await importMedia(core, 'portrait-1080x1920-audio-2s'))
  }
  const importSound = async (core: StudioCore, id: string, name: MediaName, context = electron) =>
    call(core, 'library.importSound', { id, path: await ensureMedia(name) }, context)
  const soundFiles = (id: string) =>
    existsSync(join(dataDir, 'library', id, 'sound'))
      ? readdirSync(join(dataDir, 'library', id, 'sound'))
      : []

  it('imports an MP3 and an M4A into the item, named by content, with duration and codec', async () => {
    const core = start()
    const item = await draft(core)
    const mp3 = resultOf<SoundFile>(await importSound(core, item.id, 'tone-1000hz-8s-mp3'))
    const path = await ensureMedia('tone-1000hz-8s-mp3')
    expect(mp3).toEqual({
      file: `${sha256(path)}.mp3`,
      name: path.split('/').pop(),
      durationMs: expect.any(Number),
      codec: 'mp3',
    })
    expect(Math.abs(mp3.durationMs - 8000)).toBeLessThan(100)
    const m4a = resultOf<SoundFile>(await importSound(core, item.id, 'tone-1000hz-1s-m4a'))
    expect(m4a).toMatchObject({ file: expect.stringMatching(/^[0-9a-f]{64}\.m4a$/), codec: 'mp4a.40.2' })
    expect(soundFiles(item.id).sort()).toEqual([mp3.file, m4a.file].sort())
    expect(sha256(core.library.mediaFile(item.id, { sound: mp3.file })!)).toBe(sha256(path))
    // Only names of the sound shape resolve: nothing else of the disk can be asked for.
    expect(core.library.mediaFile(item.id, { sound: '../source.mp4' })).toBeNull()
    // Nothing left in the library's top folder but the item.
    expect(libraryEntries()).toEqual([item.id])
  })

  it('refuses a corrupt file, a cut-off file and a video without sound, and leaves nothing behind', async () => {
    const core = start()
    const item = await draft(core)
    const cases: Array<[MediaName, RegExp]> = [
      ['random-bytes-mp4', /isn't a sound Spool can use: its format is not recognised/],
      ['truncated-tone-m4a', /isn't a sound Spool can use/],
      ['portrait-noaudio-3s', /isn't a sound Spool can use: it has no sound in it/],
    ]
    for (const [name, message] of cases) {
      const response = await importSound(core, item.id, name)
      expect(response.ok, name).toBe(false)
      if (response.ok) continue
      expect(response.error.code, name).toBe('unsupported_media')
      expect(response.error.message, name).toMatch(message)
    }
    expect(soundFiles(item.id)).toEqual([])
    expect(libraryEntries()).toEqual([item.id])
  })

  it('takes paths only from the desktop app, and only for an item that exists', async () => {
    const core = start()
    const item = await draft(core)
    const web = await importSound(core, item.id, 'tone-1000hz-1s-m4a', { transport: 'web-bridge' } as never)
    expect(!web.ok && web.error.code).toBe('invalid_params')
    const missing = await importSound(core, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'tone-1000hz-1s-m4a')
    expect(!missing.ok && missing.error.code).toBe('not_found')
    expect(libraryEntries()).toEqual([item.id])
  })

  it('takes a streamed body (the browser bridge) and refuses one cut short', async () => {
    const core = start()
    const item = await draft(core)
    const bytes = readFileSync(await ensureMedia('tone-1000hz-1s-m4a'))
    const whole = new PassThrough()
    whole.end(bytes)
    const sound = await core.library.importSoundStream(item.id, {
      stream: whole,
      fileName: 'beat.m4a',
      bytesTotal: bytes.length,
    })
    expect(sound).toMatchObject({ name: 'beat.m4a', codec: 'mp4a.40.2' })
    const short = new PassThrough()
    short.end(bytes.subarray(0, 100))
    await expect(
      core.library.importSoundStream(item.id, {
        stream: short,
        fileName: 'cut.m4a',
        bytesTotal: bytes.length,
      }),
    ).rejects.toThrow(/stopped after 100 of/)
    expect(soundFiles(item.id)).toEqual([sound.file])
    expect(libraryEntries()).toEqual([item.id])
  })
})
