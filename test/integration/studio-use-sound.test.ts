// "Use this sound" in the studio core against the real server: a reel published with two
// renditions is fetched as a sound (the smallest rendition's audio, one fragmented MP4 that probes
// as AAC of the reel's length), put into a new draft through the sound import, encoded and uploaded:
// the published reel's manifest and GET /api/reels/:id name the source. A reel reusing that sound
// passes the original on. Refusals in words: a bad link, signed out or signed in elsewhere, an
// unknown or removed sound, no room on disk, a server that is down, a download cut off or
// cancelled — nothing is left behind.
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createReadStream } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ulid } from 'ulid'
import { readDraftEdit } from '../../shared/reel/draft-edit'
import type { RpcError } from '../../shared/rpc/envelope'
import { probeAudio } from '../../electron/core/library/probe-audio'
import { openCoreWithClient, type CoreWithClient } from '../support/core-client'
import { ensureMedia } from '../support/media'
import { makeReelPackage, type ReelPackage } from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { eventually } from '../support/studio-web'
import { tusUpload, waitForReel } from '../support/tus-upload'

const PASSWORD = 'a long enough password'

/** In front of the real server: passes requests on, or plays a cut-off, a stall or a dead server. */
interface Gate {
  url: string
  mode: 'pass' | 'cut-segments' | 'stall-segments'
  close(): Promise<void>
}

async function startGate(upstream: string): Promise<Gate> {
  const sockets = new Set<Socket>()
  const gate = { mode: 'pass' } as Gate
  const server: Server = createServer((req, res) => {
    const segment = /\.m4s$/.test(req.url ?? '')
    if (segment && gate.mode === 'stall-segments') return // never answers
    const forward = request(
      new URL(req.url!, upstream),
      { method: req.method, headers: { ...req.headers, host: new URL(upstream).host } },
      (answer) => {
        if (segment && gate.mode === 'cut-segments') {
          // Headers and half the bytes, then the connection drops.
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () => {
            const body = Buffer.concat(chunks)
            res.writeHead(answer.statusCode!, answer.headers)
            res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy())
          })
          return
        }
        res.writeHead(answer.statusCode!, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  gate.close = async () => {
    if (!server.listening) return
    for (const socket of sockets) socket.destroy()
    server.close()
    await once(server, 'close')
  }
  return gate
}

let server: TestServer
let gate: Gate
let maya: string
let ana: string
let source: ReelPackage
let clipPath: string
const dirs: string[] = []

async function publish(pkg: ReelPackage, token: string): Promise<void> {
  const outcome = await tusUpload(server.url, readFileSync(pkg.tarPath), {
    token,
    metadata: { reelId: pkg.manifest.reelId, filename: 'reel.tar' },
  })
  expect(outcome.ok).toBe(true)
  expect((await waitForReel(server.url, pkg.manifest.reelId, token)).body.status).toBe('published')
}

function newCore(freeBytes?: () => Promise<number>): CoreWithClient & { dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'spool-use-sound-'))
  dirs.push(dataDir)
  const opened = openCoreWithClient({
    dataDir,
    freeBytes,
    upload: { pollMs: 200, retryBaseMs: 300, probeMs: 300 },
  })
  return { ...opened, dataDir }
}

/** What is in the library folder besides items: must be nothing after a failed fetch. */
function leftovers(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'library')).filter((name) => name.startsWith('.'))
}

async function rpcError(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise
  } catch (error) {
    return error as RpcError
  }
  throw new Error('expected the call to fail')
}

/** The draft's edit as the editor reads it. */
async function draftEdit(
  client: CoreWithClient['client'],
  item: { id: string; probe: { durationMs: number } },
) {
  const state = await client.call('draft.load', { id: item.id })
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(state.update, 'base64'))
  return { doc, edit: readDraftEdit(doc, item.probe.durationMs) }
}

/** Encode & queue with this replacement sound; native ffmpeg's files stand in for the renderer's encoder. */
async function encodeWithSound({ core, client }: CoreWithClient, reelId: string, soundFile: string) {
  const pkg = await makeReelPackage(clipPath, { renditions: ['360p'], reelId })
  dirs.push(join(pkg.dir, '..'))
  const options = {
    frame: 'fill' as const,
    trimStartMs: 0,
    trimEndMs: 2000,
    coverMs: 500,
    caption: '',
    soundFile,
  }
  await client.call('encode.start', { id: reelId, options })
  const job = (await client.call('encode.next', {})).job!
  for (const path of Object.keys(pkg.manifest.files)) {
    const stream = createReadStream(join(pkg.dir, path))
    await core.encode.putFile({ reelId, jobId: job.id, path, stream })
  }
  const { name, width, height, bandwidth, codecs } = pkg.manifest.renditions[0]!
  const renditions = [{ name, width, height, bandwidth, codecs }]
  await client.call('encode.finish', { jobId: job.id, durationMs: pkg.manifest.durationMs, renditions })
}

beforeAll(async () => {
  server = await startTestServer()
  maya = await register(server.url, 'maya', PASSWORD)
  ana = await register(server.url, 'ana', PASSWORD)
  clipPath = await ensureMedia('portrait-1080x1920-audio-2s')
  // Ana's reel, with the usual two renditions: its sound is the one Maya will use.
  source = await makeReelPackage(clipPath, { renditions: ['720p', '360p'], caption: 'Drums #beat' })
  dirs.push(join(source.dir, '..'))
  await publish(source, ana)
  gate = await startGate(server.url)
}, 120_000)

afterAll(async () => {
  await gate?.close()
  await server?.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('use this sound (studio core)', () => {
  it('fetches the smallest rendition’s audio, drafts with it, and publishes a reel crediting the source', async () => {
    const opened = newCore()
    const { core, client, events, dataDir } = opened
    try {
      await client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
      const soundId = source.manifest.reelId
      const fetched = await client.call('sound.fetch', { server: server.url, sound: soundId, fetchId: 'f1' })
      expect(fetched).toMatchObject({ soundId, title: 'Original sound', creator: 'ana', codec: 'mp4a.40.2' })
      expect(Math.abs(fetched.durationMs - source.manifest.durationMs)).toBeLessThan(150)
      // Exactly the 360p rendition's init and segments, not the 720p ones.
      const rendition = Object.entries(source.manifest.files).filter(([path]) =>
        /^360p\/.*\.(mp4|m4s)$/.test(path),
      )
      expect(fetched.bytes).toBe(rendition.reduce((sum, [, file]) => sum + file.size, 0))
      const progress = events
        .filter((event) => event.name === 'sound.fetchProgress')
        .map((event) => event.payload)
      expect(progress.at(-1)).toEqual({
        fetchId: 'f1',
        bytesDone: fetched.bytes,
        filesDone: rendition.length,
        filesTotal: rendition.length,
      })

      const item = await client.call('library.importFile', { path: clipPath })
      const used = await client.call('sound.useInDraft', { id: item.id, fetchId: 'f1' })
      expect(used.origin).toEqual({
        file: used.soundFile.file,
        sourceReelId: soundId,
        title: 'Original sound',
        creator: 'ana',
        server: server.url,
      })
      // Stored where a picked sound goes, probing as AAC of the source's length; the download is gone.
      const stored = join(dataDir, 'library', item.id, 'sound', used.soundFile.file)
      const probe = await probeAudio(stored)
      expect(probe.codec).toBe('mp4a.40.2')
      expect(Math.abs(probe.durationMs - source.manifest.durationMs)).toBeLessThan(150)
      expect(statSync(stored).size).toBe(fetched.bytes)
      expect(leftovers(dataDir)).toEqual([])
      // The draft (what the editor and draft sync read) plays it as the replacement, with its origin.
      expect((await draftEdit(client, item)).edit).toMatchObject({
        sound: 'replace',
        soundFile: used.soundFile,
        soundOrigin: used.origin,
      })
      expect(events.some((event) => event.name === 'draft.updated' && event.payload.id === item.id)).toBe(
        true,
      )
      await encodeWithSound(opened, item.id, used.soundFile.file)

      // Signed in, the queued reel uploads by itself and the server publishes it with the sound.
      const published = await eventually(
        async () => {
          const reel = await api(server.url, 'GET', `/api/reels/${item.id}`, { token: maya })
          return reel.status === 200 && reel.body.status === 'published' ? reel.body : undefined
        },
        60_000,
        'the reel published',
      )
      expect(published.sound).toEqual({ id: soundId, title: 'Original sound', creator: 'ana' })

      // Using the sound of Maya's reel passes Ana's original on.
      const again = await client.call('sound.fetch', { server: server.url, sound: item.id, fetchId: 'f2' })
      expect(again).toMatchObject({ soundId, creator: 'ana' })
      expect(await client.call('sound.cancelFetch', { fetchId: 'f2' })).toEqual({ cancelled: true })
      expect(leftovers(dataDir)).toEqual([])
    } finally {
      core.close()
    }
  }, 120_000)

  it('writes an original sound for a draft whose used sound was replaced by the creator’s own', async () => {
    const opened = newCore()
    const { core, client, dataDir } = opened
    try {
      await client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
      await client.call('sound.fetch', { server: server.url, sound: source.manifest.reelId, fetchId: 'f3' })
      const item = await client.call('library.importFile', { path: clipPath })
      const used = await client.call('sound.useInDraft', { id: item.id, fetchId: 'f3' })
      // The creator picks their own file: the renderer clears the origin with the new file.
      const own = await client.call('library.importSound', {
        id: item.id,
        path: await ensureMedia('tone-1000hz-8s-mp3'),
      })
      const { doc } = await draftEdit(client, item)
      const before = Y.encodeStateVector(doc)
      doc.transact(() => {
        doc.getMap('edit').set('soundFile', own)
        doc.getMap('edit').set('soundOrigin', null)
      })
      await client.call('draft.apply', {
        id: item.id,
        update: Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64'),
      })
      expect(used.soundFile.file).not.toBe(own.file)
      await client.call('account.logout', {}) // keeps it from uploading: only the package matters here
      await encodeWithSound(opened, item.id, own.file)
      const manifest = manifestOf(join(dataDir, 'library', item.id, 'package.tar'))
      expect(manifest.sound).toEqual({ title: 'Original sound', sourceReelId: null })
    } finally {
      core.close()
    }
  }, 120_000)

  it('refuses bad links, a studio signed out or signed in elsewhere, and an unknown sound, in words', async () => {
    const { core, client } = newCore()
    try {
      const sound = source.manifest.reelId
      expect(
        (await rpcError(client.call('sound.fetch', { server: 'javascript:alert(1)', sound, fetchId: 'a' })))
          .code,
      ).toBe('invalid_params')
      expect(
        (await rpcError(client.call('sound.fetch', { server: `${server.url}/path`, sound, fetchId: 'a' })))
          .code,
      ).toBe('invalid_params')
      expect(
        (await rpcError(client.call('sound.fetch', { server: server.url, sound: 'nope', fetchId: 'a' })))
          .code,
      ).toBe('invalid_params')

      const signedOut = await rpcError(
        client.call('sound.fetch', { server: server.url, sound, fetchId: 'a' }),
      )
      expect(signedOut.code).toBe('sign_in_required')
      expect(signedOut.message).toBe(`Sign in to ${new URL(server.url).host} to use this sound.`)

      await client.call('account.login', { serverUrl: gate.url, username: 'maya', password: PASSWORD })
      const elsewhere = await rpcError(
        client.call('sound.fetch', { server: server.url, sound, fetchId: 'a' }),
      )
      expect(elsewhere.code).toBe('sign_in_required')
      expect(elsewhere.message).toContain(`signed in to ${new URL(gate.url).host}`)

      const unknown = await rpcError(
        client.call('sound.fetch', { server: gate.url, sound: ulid(), fetchId: 'a' }),
      )
      expect(unknown.code).toBe('not_found')
      expect(unknown.message).toMatch(/^This sound is not on 127\.0\.0\.1:\d+/)

      const noDownload = await rpcError(client.call('sound.useInDraft', { id: ulid(), fetchId: 'never' }))
      expect(noDownload.code).toBe('not_found')
    } finally {
      core.close()
    }
  }, 60_000)

  it('says so when the sound’s reel was removed by moderation', async () => {
    const { core, client } = newCore()
    try {
      const removed = await makeReelPackage(clipPath, { renditions: ['360p'] })
      dirs.push(join(removed.dir, '..'))
      await publish(removed, ana)
      // Maya registered first, so she is the server's admin.
      const removal = await api(server.url, 'POST', `/api/admin/reels/${removed.manifest.reelId}/remove`, {
        token: maya,
      })
      expect(removal.status).toBe(200)
      await client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
      const gone = await rpcError(
        client.call('sound.fetch', { server: server.url, sound: removed.manifest.reelId, fetchId: 'gone' }),
      )
      expect(gone.code).toBe('not_found')
      expect(gone.message).toMatch(/^The reel this sound comes from was removed from 127\.0\.0\.1:\d+/)
    } finally {
      core.close()
    }
  }, 60_000)

  it('checks for free space before downloading', async () => {
    const { core, client, dataDir } = newCore(async () => 100 * 1024 * 1024)
    try {
      await client.call('account.login', { serverUrl: server.url, username: 'maya', password: PASSWORD })
      const full = await rpcError(
        client.call('sound.fetch', { server: server.url, sound: source.manifest.reelId, fetchId: 'full' }),
      )
      expect(full.code).toBe('insufficient_storage')
      expect(full.message).toMatch(
        /^Not enough free disk space to download this sound: it needs \d+ MB and 100 MB is free/,
      )
      expect(leftovers(dataDir)).toEqual([])
    } finally {
      core.close()
    }
  }, 60_000)

  it('leaves nothing behind when the download is cut off, cancelled, or the server is gone', async () => {
    const { core, client, dataDir } = newCore()
    try {
      await client.call('account.login', { serverUrl: gate.url, username: 'maya', password: PASSWORD })
      const sound = source.manifest.reelId

      gate.mode = 'cut-segments'
      const cut = await rpcError(client.call('sound.fetch', { server: gate.url, sound, fetchId: 'cut' }))
      expect(cut.code).toBe('server_unreachable')
      expect(cut.message).toMatch(/was cut off/)
      expect(leftovers(dataDir)).toEqual([])

      gate.mode = 'stall-segments'
      const stalled = client.call('sound.fetch', { server: gate.url, sound, fetchId: 'stall' })
      await eventually(() => leftovers(dataDir).length > 0, 10_000, 'the download to start')
      expect(await client.call('sound.cancelFetch', { fetchId: 'stall' })).toEqual({ cancelled: true })
      expect((await rpcError(stalled)).code).toBe('cancelled')
      expect(leftovers(dataDir)).toEqual([])

      // Works again once the connection is good: nothing of the failures is in the way.
      gate.mode = 'pass'
      const fetched = await client.call('sound.fetch', { server: gate.url, sound, fetchId: 'cut' })
      expect(fetched.soundId).toBe(sound)
      await client.call('sound.cancelFetch', { fetchId: 'cut' })

      await gate.close()
      const offline = await rpcError(client.call('sound.fetch', { server: gate.url, sound, fetchId: 'off' }))
      expect(offline.code).toBe('server_unreachable')
      expect(offline.message).toMatch(/did not answer/)
      expect(leftovers(dataDir)).toEqual([])
    } finally {
      core.close()
    }
  }, 60_000)
})

/** manifest.json, the first entry of a reel package tar. */
function manifestOf(tarPath: string): { sound: unknown } {
  const bytes = readFileSync(tarPath)
  const size = Number.parseInt(bytes.subarray(124, 136).toString('ascii').trim(), 8)
  expect(bytes.subarray(0, 13).toString('ascii')).toBe('manifest.json')
  return JSON.parse(bytes.subarray(512, 512 + size).toString('utf8')) as { sound: unknown }
}
