// Bad packages uploaded over tus to the real server: one crafted package per reason code of the
// package check. Each must end up rejected with that code, visible to its creator only, and
// never served. (internal_error is the server's own failure and cannot be crafted by a client.)
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PACKAGE_REASON_CODES, type PackageReason } from '../../shared/node/package-check'
import { ensureMedia } from '../support/media'
import {
  entryText,
  makeReelPackage,
  randomReelId,
  readPackageEntries,
  replaceFile,
  rewriteManifest,
  tarBuffer,
  ustarFile,
  ustarHeader,
  type EntrySpec,
  type FileEntry,
} from '../support/reel-package'
import { api, register, startTestServer, type TestServer } from '../support/server'
import { tusUpload, waitForReel } from '../support/tus-upload'

let server: TestServer
let entries: FileEntry[]
let goodTar: Buffer
let notATar: Buffer
let token: string
let other: string

beforeAll(async () => {
  const [started, video, random] = await Promise.all([
    startTestServer(),
    ensureMedia('portrait-noaudio-3s'),
    ensureMedia('random-bytes-mp4'),
  ])
  server = started
  const pkg = await makeReelPackage(video, { renditions: ['720p', '360p'] })
  entries = await readPackageEntries(pkg)
  goodTar = await readFile(pkg.tarPath)
  notATar = await readFile(random)
  token = await register(server.url, 'carol')
  other = await register(server.url, 'dave')
})
afterAll(async () => {
  await server?.stop()
})

// The good package under another reel id: each upload claims its own id.
const withReelId = (reelId: string) =>
  rewriteManifest(entries, (m) => (m.reelId = reelId), { rehash: false }) as FileEntry[]
// A plain ustar archive of file entries (for cutting in half synchronously).
const ustarArchive = (e: FileEntry[]) =>
  Buffer.concat([...e.map((f) => ustarFile(f.name, f.content)), Buffer.alloc(1024)])

const segment = '720p/seg000.m4s'
const content = (e: FileEntry[], name: string) => e.find((entry) => entry.name === name)!.content
const without = (list: readonly EntrySpec[], name: string) => list.filter((entry) => entry.name !== name)
const editText = (e: FileEntry[], name: string, edit: (text: string) => string) =>
  replaceFile(e, name, edit(entryText(e, name)))

// Each builder breaks the good package one way; the reason code is what the server must report.
const crafted: Record<Exclude<PackageReason, 'internal_error'>, (e: FileEntry[]) => EntrySpec[] | Buffer> = {
  not_a_tar: () => notATar,
  tar_truncated: (e) => {
    const whole = ustarArchive(e)
    return whole.subarray(0, Math.floor(whole.length / 2))
  },
  unsafe_path: (e) => [e[0]!, { name: '../escape.m4s', content: 'x' }, ...e.slice(1)],
  duplicate_path: (e) => [...e, e[1]!],
  forbidden_entry_type: (e) => [
    e[0]!,
    { name: 'poster.jpg', type: 'symlink', linkname: '/etc/passwd' },
    ...without(e, 'poster.jpg').slice(1),
  ],
  manifest_not_first: (e) => [e[1]!, e[0]!, ...e.slice(2)],
  manifest_invalid: (e) =>
    rewriteManifest(e, (m) => ((m as { format: string }).format = 'spool-reel/2'), { rehash: false }),
  too_many_entries: (e) => [
    e[0]!,
    ...Array.from({ length: 320 }, (_, i) => ({ name: `d${i}`, type: 'directory' as const })),
  ],
  package_too_large: (e) =>
    Buffer.concat([ustarFile('manifest.json', e[0]!.content), ustarHeader('master.m3u8', 300_000_000)]),
  file_too_large: (e) => editText(e, 'master.m3u8', (text) => `${text}# ${'x'.repeat(2_000_001)}\n`),
  file_missing: (e) => without(e, segment),
  file_unlisted: (e) => [...e, { name: 'extra.txt', content: 'hi' }],
  size_mismatch: (e) => replaceFile(e, 'master.m3u8', `${entryText(e, 'master.m3u8')}\n`, { rehash: false }),
  checksum_mismatch: (e) => {
    const flipped = Buffer.from(content(e, segment))
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 0xff, flipped.length - 1)
    return replaceFile(e, segment, flipped, { rehash: false })
  },
  master_playlist_invalid: (e) =>
    editText(e, 'master.m3u8', (text) => text.replace('#EXT-X-VERSION:7', '#EXT-X-VERSION:6')),
  media_playlist_invalid: (e) =>
    editText(e, '720p/index.m3u8', (text) => text.replace('#EXT-X-ENDLIST\n', '')),
  playlist_outside_folder: (e) =>
    editText(e, '720p/index.m3u8', (text) => text.replace('seg001.m4s', '../360p/seg001.m4s')),
  init_segment_invalid: (e) => replaceFile(e, '720p/init.mp4', content(e, segment)),
  codec_mismatch: (e) => replaceFile(e, '720p/init.mp4', content(e, '360p/init.mp4')),
  media_segment_invalid: (e) =>
    replaceFile(
      e,
      segment,
      Buffer.concat([Buffer.from([0, 0, 0, 8, ...Buffer.from('free')]), content(e, segment)]),
    ),
  poster_invalid: (e) => replaceFile(e, 'poster.jpg', Buffer.from('not a jpeg')),
  duration_mismatch: (e) => rewriteManifest(e, (m) => (m.durationMs += 2_000)),
  duration_out_of_range: (e) => rewriteManifest(e, (m) => (m.durationMs = 500)),
  caption_too_long: (e) => rewriteManifest(e, (m) => (m.caption = 'a'.repeat(2201))),
  // The manifest names a reel id this upload did not claim.
  reel_id_taken: (e) => rewriteManifest(e, (m) => (m.reelId = randomReelId())),
  dimensions_invalid: (e) =>
    rewriteManifest(e, (m) => {
      m.height = 2560
      m.renditions[0]!.height = 2560
    }),
}

describe('bad packages over tus', () => {
  it('covers every reason code a client can cause', () => {
    expect(Object.keys(crafted).sort()).toEqual(
      PACKAGE_REASON_CODES.filter((c) => c !== 'internal_error').sort(),
    )
  })

  it.each(Object.entries(crafted))(
    'rejects %s, tells the creator, and serves nothing',
    async (reason, build) => {
      const reelId = randomReelId()
      const made = build(withReelId(reelId))
      const body = Buffer.isBuffer(made) ? made : await tarBuffer(made)
      const outcome = await tusUpload(server.url, body, { token, metadata: { reelId, filename: 'reel.tar' } })
      expect(outcome).toMatchObject({ ok: true })
      const reel = await waitForReel(server.url, reelId, token)
      expect(reel.body).toMatchObject({ id: reelId, status: 'rejected', reason, hlsUrl: null })
      expect(reel.body.message.length).toBeGreaterThan(0)
      expect((await api(server.url, 'GET', `/api/reels/${reelId}`, { token: other })).status).toBe(404)
      expect((await api(server.url, 'GET', `/api/reels/${reelId}`)).status).toBe(404)
      for (const path of ['master.m3u8', 'poster.jpg', '720p/index.m3u8']) {
        expect((await fetch(new URL(`/media/${reelId}/${path}`, server.url))).status, path).toBe(404)
      }
    },
  )

  it('lets the creator upload a rejected reel id again, and publishes the fixed package', async () => {
    const reelId = randomReelId()
    const broken = await tarBuffer(crafted.poster_invalid(withReelId(reelId)) as EntrySpec[])
    await tusUpload(server.url, broken, { token, metadata: { reelId, filename: 'reel.tar' } })
    expect((await waitForReel(server.url, reelId, token)).body.status).toBe('rejected')
    // Someone else still cannot take the id.
    const stolen = await tusUpload(server.url, goodTar, {
      token: other,
      metadata: { reelId, filename: 'x.tar' },
    })
    expect(stolen.status).toBe(403)
    const fixed = await tarBuffer(withReelId(reelId))
    expect(
      await tusUpload(server.url, fixed, { token, metadata: { reelId, filename: 'reel.tar' } }),
    ).toMatchObject({
      ok: true,
    })
    expect((await waitForReel(server.url, reelId, token)).body.status).toBe('published')
    expect((await fetch(new URL(`/media/${reelId}/master.m3u8`, server.url))).status).toBe(200)
  })
})
