// The browser studio's import and media routes on a real studio:web process: PUT /import with the
// token and our Origin runs the real pipeline (progress on the WebSocket), anyone else is refused,
// a corrupt file leaves nothing, and the imported video is served back with Range for <video>.
import { createHash } from 'node:crypto'
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { LibraryItem } from '../../shared/rpc/contract'
import { ensureMedia, type MediaName } from '../support/media'
import type { Started } from '../support/process'
import { startStudioProcess } from '../support/studio-web'

let studio: Started
let dataDir: string
let origin: string
let token: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'spool-bridge-library-'))
  studio = await startStudioProcess(dataDir)
  const url = new URL(studio.ready)
  origin = url.origin
  token = url.searchParams.get('token')!
  // Made up front so the requests below are not racing ffmpeg.
  await Promise.all([ensureMedia('portrait-1080x1920-audio-2s'), ensureMedia('random-bytes-mp4')])
})

afterAll(async () => {
  expect(await studio?.stop('SIGTERM')).toBe(0)
  rmSync(dataDir, { recursive: true, force: true })
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; file?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    // The server may answer and close before reading a refused body; that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)))
    if (options.file) createReadStream(options.file).pipe(req)
    else req.end()
  })
}

async function putImport(name: MediaName, headers: Record<string, string> = {}) {
  const file = await ensureMedia(name)
  return send('PUT', `/import?name=${encodeURIComponent('My clip.mp4')}&importId=test-${name}`, {
    file,
    headers: {
      'x-spool-token': token,
      origin,
      'content-length': String(statSync(file).size),
      ...headers,
    },
  })
}

const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>
const libraryEntries = () => readdirSync(join(dataDir, 'library'))

describe('PUT /import', () => {
  it('imports the request body with the token and our Origin, with progress on the socket', async () => {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/rpc?token=${token}`, {
      headers: { origin },
    })
    const events: Array<{ name: string; payload: { phase?: string; importId?: string } }> = []
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; name: string; payload: never }
      if (message.type === 'event') events.push(message)
    })
    await new Promise((resolve) => socket.once('open', resolve))

    const source = await ensureMedia('portrait-1080x1920-audio-2s')
    const answer = await putImport('portrait-1080x1920-audio-2s')
    expect(answer.status).toBe(201)
    const item = json(answer) as unknown as LibraryItem
    expect(item).toMatchObject({
      status: 'draft',
      sourceName: 'My clip.mp4',
      sizeBytes: statSync(source).size,
      sha256: createHash('sha256').update(readFileSync(source)).digest('hex'),
      probe: { width: 1080, height: 1920, durationMs: 2000, hasAudio: true },
    })
    await expect.poll(() => events.map((e) => e.name)).toContain('library.changed')
    const phases = events.filter((e) => e.name === 'library.importProgress').map((e) => e.payload.phase)
    expect(phases[0]).toBe('copying')
    expect(phases.slice(-2)).toEqual(['probing', 'done'])
    expect(
      events.every(
        (e) =>
          e.name !== 'library.importProgress' || e.payload.importId === 'test-portrait-1080x1920-audio-2s',
      ),
    ).toBe(true)
    socket.close()

    // The source comes back whole, and in ranges (what <video> asks for), with the token in the query.
    const whole = await send('GET', `/library/${item.id}/source?token=${token}`)
    expect(whole.status).toBe(200)
    expect(whole.headers['content-type']).toBe('video/mp4')
    expect(whole.body.equals(readFileSync(source))).toBe(true)
    const range = await send('GET', `/library/${item.id}/source`, {
      headers: { range: 'bytes=100-199', 'x-spool-token': token },
    })
    expect(range.status).toBe(206)
    expect(range.headers['content-range']).toBe(`bytes 100-199/${statSync(source).size}`)
    expect(range.body.equals(readFileSync(source).subarray(100, 200))).toBe(true)
    expect(
      (
        await send('GET', `/library/${item.id}/source`, {
          headers: { range: 'bytes=99999999-', 'x-spool-token': token },
        })
      ).status,
    ).toBe(416)
    expect((await send('GET', `/library/${item.id}/source`)).status).toBe(401)
    expect((await send('GET', `/library/${item.id}/thumbs/00.jpg?token=${token}`)).status).toBe(404)
  })

  it('refuses a wrong token with 401 and another Origin with 403, keeping nothing', async () => {
    const before = libraryEntries()
    const wrongToken = await putImport('portrait-1080x1920-audio-2s', { 'x-spool-token': 'nope' })
    expect(wrongToken.status).toBe(401)
    const otherOrigin = await putImport('portrait-1080x1920-audio-2s', { origin: 'http://evil.example' })
    expect(otherOrigin.status).toBe(403)
    expect(libraryEntries()).toEqual(before)
  })

  it('refuses a corrupt file with 415 and a clear message, keeping nothing', async () => {
    const before = libraryEntries()
    const answer = await putImport('random-bytes-mp4')
    expect(answer.status).toBe(415)
    expect(json(answer)).toEqual({
      error: {
        code: 'unsupported_media',
        message: expect.stringContaining("This file isn't a video Spool can read"),
      },
    })
    expect(libraryEntries()).toEqual(before)
  })

  it('needs a Content-Length (the disk-space check and the size limit depend on it)', async () => {
    const answer = await send('PUT', '/import?name=x.mp4', {
      headers: { 'x-spool-token': token, origin, 'transfer-encoding': 'chunked' },
    })
    expect(answer.status).toBe(411)
  })
})

describe('PUT and GET /library/<id>/sound', () => {
  async function putSound(id: string, name: MediaName, headers: Record<string, string> = {}) {
    const file = await ensureMedia(name)
    return send('PUT', `/library/${id}/sound?name=${encodeURIComponent('Beat.mp3')}`, {
      file,
      headers: { 'x-spool-token': token, origin, 'content-length': String(statSync(file).size), ...headers },
    })
  }
  const soundFiles = (id: string) => {
    try {
      return readdirSync(join(dataDir, 'library', id, 'sound'))
    } catch {
      return []
    }
  }

  it('imports a sound for a draft, refuses corrupt ones and strangers, and serves it with Range', async () => {
    const draft = json(await putImport('portrait-1080x1920-audio-2s')) as unknown as LibraryItem
    const before = libraryEntries().sort()

    const corrupt = await putSound(draft.id, 'random-bytes-mp4')
    expect(corrupt.status).toBe(415)
    expect(json(corrupt).error).toMatchObject({
      code: 'unsupported_media',
      message: expect.stringMatching(/isn't a sound/),
    })
    expect((await putSound(draft.id, 'tone-1000hz-1s-m4a', { 'x-spool-token': 'wrong' })).status).toBe(401)
    expect((await putSound(draft.id, 'tone-1000hz-1s-m4a', { origin: 'http://evil.example' })).status).toBe(
      403,
    )
    expect((await putSound('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'tone-1000hz-1s-m4a')).status).toBe(404)
    expect(soundFiles(draft.id)).toEqual([])
    expect(libraryEntries().sort()).toEqual(before)

    const created = await putSound(draft.id, 'tone-1000hz-8s-mp3')
    expect(created.status).toBe(201)
    const sound = json(created) as { file: string; name: string; durationMs: number; codec: string }
    expect(sound).toMatchObject({ name: 'Beat.mp3', codec: 'mp3' })
    const original = readFileSync(await ensureMedia('tone-1000hz-8s-mp3'))
    expect(sound.file).toBe(`${createHash('sha256').update(original).digest('hex')}.mp3`)
    expect(soundFiles(draft.id)).toEqual([sound.file])

    const part = await send('GET', `/library/${draft.id}/sound/${sound.file}?token=${token}`, {
      headers: { range: 'bytes=0-99' },
    })
    expect(part.status).toBe(206)
    expect(part.headers['content-type']).toBe('audio/mpeg')
    expect(Buffer.compare(part.body, original.subarray(0, 100))).toBe(0)
    expect((await send('GET', `/library/${draft.id}/sound/${sound.file}`)).status).toBe(401)
    const missing = `${'0'.repeat(64)}.mp3`
    expect((await send('GET', `/library/${draft.id}/sound/${missing}?token=${token}`)).status).toBe(404)
  })
})
