// The download refuses what a hostile or broken server could send: playlist entries that leave the
// reel's folder, far more bytes than the rendition's BANDWIDTH allows, a reel removed meanwhile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RpcError } from '../../../shared/rpc/envelope'
import { downloadSoundRendition } from './rendition-download'

const REEL = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F'
const MASTER = `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=80000,CODECS="avc1.42c01e,mp4a.40.2"\n360p/index.m3u8\n`
const playlist = (entries: string[]) =>
  ['#EXTM3U', '#EXT-X-MAP:URI="init.mp4"', ...entries.flatMap((entry) => ['#EXTINF:1.000,', entry])].join(
    '\n',
  )

let server: Server
let dir: string

async function serve(files: Record<string, string | Buffer | number>): Promise<string> {
  server = createServer((req, res) => {
    const body = files[req.url!.replace(`/media/${REEL}/`, '')]
    if (typeof body === 'number') return res.writeHead(body).end()
    if (body === undefined) return res.writeHead(404).end()
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function download(origin: string) {
  dir = mkdtempSync(join(tmpdir(), 'spool-rendition-'))
  return downloadSoundRendition({
    server: origin,
    reelId: REEL,
    token: 't',
    file: join(dir, 'sound.mp4'),
    signal: new AbortController().signal,
    beforeWrite: async () => {},
    onProgress: () => {},
  }).then(
    () => null,
    (error: unknown) => error as RpcError,
  )
}

afterEach(() => {
  server?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('sound rendition download', () => {
  it('appends init and segments in order', async () => {
    const origin = await serve({
      'master.m3u8': MASTER,
      '360p/index.m3u8': playlist(['a.m4s', 'b.m4s']),
      '360p/init.mp4': 'INIT',
      '360p/a.m4s': 'AAA',
      '360p/b.m4s': 'BB',
    })
    expect(await download(origin)).toBeNull()
    expect(readFileSync(join(dir, 'sound.mp4'), 'utf8')).toBe('INITAAABB')
  })

  it('refuses playlist entries outside the reel’s folder or on another host', async () => {
    for (const entry of ['../../OTHER/secret.m4s', 'http://example.com/x.m4s', 'a.m4s?x=1']) {
      const origin = await serve({ 'master.m3u8': MASTER, '360p/index.m3u8': playlist([entry]) })
      const error = await download(origin)
      expect(error?.message, entry).toMatch(/lists a file outside this reel/)
      server.close()
    }
  })

  it('stops a server that sends far more than the rendition’s bandwidth allows', async () => {
    const origin = await serve({
      'master.m3u8': MASTER,
      '360p/index.m3u8': playlist(['a.m4s']),
      '360p/init.mp4': 'INIT',
      // 80 kbit/s for 1 s is 10 kB (+ 64 KiB slack); 1 MB is far beyond it.
      '360p/a.m4s': Buffer.alloc(1024 * 1024),
    })
    expect((await download(origin))?.message).toMatch(/far more than this sound should take/)
  })

  it('says the reel was removed when its files go away mid-download, and refuses a reel without sound', async () => {
    const gone = await serve({
      'master.m3u8': MASTER,
      '360p/index.m3u8': playlist(['a.m4s']),
      '360p/init.mp4': 'INIT',
      '360p/a.m4s': 410,
    })
    expect(await download(gone)).toMatchObject({ code: 'not_found' })
    server.close()
    const silent = await serve({ 'master.m3u8': MASTER.replace(',mp4a.40.2', '') })
    expect(await download(silent)).toMatchObject({
      code: 'unsupported_media',
      message: 'This reel has no sound to use.',
    })
  })
})
