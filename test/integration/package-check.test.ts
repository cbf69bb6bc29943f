// The package check against real packages: made by native ffmpeg (test/support/reel-package.ts),
// then broken one way at a time. Every reason code of REEL-PACKAGE.md is triggered and asserted.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  PACKAGE_REASON_CODES,
  checkReelPackage,
  type PackageCheckOptions,
  type PackageCheckResult,
  type PackageReason,
} from '../../shared/node/package-check'
import type { ReelManifest } from '../../shared/reel/manifest-schema'
import { ensureMedia } from '../support/media'
import {
  entryText,
  makeReelPackage,
  readPackageEntries,
  replaceFile,
  rewriteManifest,
  tarStream,
  ustarFile,
  ustarHeader,
  type EntrySpec,
  type FileEntry,
  type ReelPackage,
} from '../support/reel-package'

let good: ReelPackage
let silent: ReelPackage
let landscape: ReelPackage
let entries: FileEntry[]
const triggered = new Set<PackageReason>()

beforeAll(async () => {
  const [withAudio, withoutAudio, wide] = await Promise.all([
    ensureMedia('portrait-1080x1920-audio-6s'),
    ensureMedia('portrait-noaudio-3s'),
    ensureMedia('landscape-1920x1080-audio-4s'),
  ])
  good = await makeReelPackage(withAudio, { caption: 'Test pattern #spool with @tester' })
  silent = await makeReelPackage(withoutAudio)
  landscape = await makeReelPackage(wide, { renditions: ['360p'] })
  entries = await readPackageEntries(good)
}, 120_000)

async function check(input: readonly EntrySpec[] | Buffer | Readable, options?: PackageCheckOptions) {
  const stream = Buffer.isBuffer(input)
    ? Readable.from([input])
    : input instanceof Readable
      ? input
      : tarStream(input)
  return checkReelPackage(stream, options)
}

function expectRejected(result: PackageCheckResult, reason: PackageReason, path?: string): void {
  expect(result.ok ? { ok: true } : { reason: result.reason, message: result.message }).toMatchObject({
    reason,
  })
  if (!result.ok) {
    triggered.add(result.reason)
    expect(result.message.length).toBeGreaterThan(0)
    if (path !== undefined) expect(result.path).toBe(path)
  }
}

const without = (list: readonly EntrySpec[], name: string) => list.filter((entry) => entry.name !== name)
const segment = '720p/seg001.m4s'

describe('good packages', () => {
  it('accepts a 720p + 360p ladder with audio and extracts exactly its files', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'spool-extract-')), 'reel')
    const result = await checkReelPackage(createReadStream(good.tarPath), { extractTo: out })
    expect(result.ok ? result.manifest : result).toEqual(good.manifest)
    if (!result.ok) return
    expect(result.manifest.renditions.map((rendition) => rendition.codecs)).toEqual([
      expect.stringMatching(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/),
      expect.stringMatching(/^avc1\.64[0-9a-f]{4},mp4a\.40\.2$/),
    ])
    expect(result.files.map((file) => file.path).sort()).toEqual(
      ['manifest.json', ...Object.keys(good.manifest.files)].sort(),
    )
    for (const [path, file] of Object.entries(good.manifest.files)) {
      const bytes = await readFile(join(out, ...path.split('/')))
      expect(createHash('sha256').update(bytes).digest('hex'), path).toBe(file.sha256)
    }
    expect((await readdir(out)).sort()).toEqual([
      '360p',
      '720p',
      'manifest.json',
      'master.m3u8',
      'poster.jpg',
    ])
  })

  it('accepts a ladder without audio', async () => {
    const result = await checkReelPackage(createReadStream(silent.tarPath))
    expect(result.ok ? result.manifest.renditions.map((item) => item.codecs) : result).toEqual([
      expect.stringMatching(/^avc1\.[0-9a-f]{6}$/),
      expect.stringMatching(/^avc1\.[0-9a-f]{6}$/),
    ])
  })

  it('accepts a pax tar written by GNU tar, directory entries included', async () => {
    const tarPath = join(await mkdtemp(join(tmpdir(), 'spool-gnutar-')), 'reel.tar')
    const names = ['manifest.json', 'master.m3u8', 'poster.jpg', '720p', '360p']
    const made = spawnSync('tar', ['--format=pax', '-cf', tarPath, '-C', good.dir, ...names])
    expect(made.status, made.stderr.toString()).toBe(0)
    expect((await check(createReadStream(tarPath))).ok).toBe(true)
  })

  it('accepts a caption of 2200 emoji (counted as characters, not UTF-16 units)', async () => {
    const result = await check(rewriteManifest(entries, (manifest) => (manifest.caption = '🎬'.repeat(2200))))
    expect(result.ok).toBe(true)
  })
})

describe('container', () => {
  it('refuses something that is not a tar', async () => {
    expectRejected(await check(createReadStream(await ensureMedia('random-bytes-mp4'))), 'not_a_tar')
    expectRejected(await check(createReadStream(await ensureMedia('truncated-mp4'))), 'not_a_tar')
    expectRejected(await check(Buffer.alloc(0)), 'not_a_tar')
  })

  it('refuses a truncated tar', async () => {
    const whole = await readFile(good.tarPath)
    expectRejected(await check(whole.subarray(0, Math.floor(whole.length / 2))), 'tar_truncated')
  })

  it.each([
    ['../escape.m4s'],
    ['/etc/passwd'],
    ['720p//seg000.m4s'],
    ['720p/deeper/seg000.m4s'],
    ['720p/..'],
    ['./master.m3u8'],
    ['720p/seg 1.m4s'],
    ['720p/a..b.m4s'],
    ['C:\\evil.m4s'],
  ])('refuses the unsafe path %j', async (name) => {
    expectRejected(await check([entries[0]!, { name, content: 'x' }, ...entries.slice(1)]), 'unsafe_path')
  })

  it('refuses a path that appears twice, even in another case', async () => {
    expectRejected(await check([...entries, entries[1]!]), 'duplicate_path', entries[1]!.name)
    expectRejected(await check([...entries, { name: 'MASTER.m3u8', content: 'x' }]), 'duplicate_path')
  })

  it.each([
    { name: 'poster.jpg', type: 'symlink', linkname: '/etc/passwd' },
    { name: 'poster.jpg', type: 'link', linkname: 'master.m3u8' },
    { name: 'poster.jpg', type: 'fifo' },
    { name: 'poster.jpg', type: 'character-device' },
  ] as const)('refuses a $type entry', async (entry) => {
    expectRejected(
      await check([entries[0]!, entry, ...without(entries, 'poster.jpg').slice(1)]),
      'forbidden_entry_type',
    )
  })

  it('refuses a package whose first entry is not manifest.json', async () => {
    expectRejected(await check([entries[1]!, entries[0]!, ...entries.slice(2)]), 'manifest_not_first')
    expectRejected(await check([{ name: '720p', type: 'directory' }, ...entries]), 'manifest_not_first')
    expectRejected(await check([]), 'manifest_not_first')
  })

  it('stops a tar bomb at the entry limit without reading the rest', async () => {
    let pulled = 0
    let made = 0
    async function* bomb() {
      yield ustarFile('manifest.json', entries[0]!.content)
      for (; made < 10_000; made++) {
        const chunk = ustarHeader(`d${made}/`, 0, '5')
        pulled += chunk.length
        yield chunk
      }
      yield Buffer.alloc(1024)
    }
    const started = performance.now()
    expectRejected(await check(Readable.from(bomb())), 'too_many_entries')
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(made).toBeLessThan(1_000)
    expect(pulled).toBeLessThan(1_000 * 512)
  })

  it('refuses a manifest listing more files than the entry limit, before any file', async () => {
    const result = await check(entries, { maxEntries: 5 })
    expectRejected(result, 'too_many_entries', 'manifest.json')
  })

  it('refuses a package over the size limit, from the manifest or from a tar header', async () => {
    expectRejected(await check(entries, { maxTotalBytes: 100_000 }), 'package_too_large')
    // A header that declares 300 MB is refused before a byte of it is read.
    const tar = Buffer.concat([
      ustarFile('manifest.json', entries[0]!.content),
      ustarHeader('master.m3u8', 300_000_000),
    ])
    expectRejected(await check(tar), 'package_too_large', 'master.m3u8')
  })

  it('refuses a playlist or manifest over the playlist size limit', async () => {
    expectRejected(await check(entries, { maxPlaylistBytes: 200 }), 'file_too_large', 'manifest.json')
    const limit = entries[0]!.content.length + 100
    const padded = `${entryText(entries, 'master.m3u8')}# ${'x'.repeat(limit)}\n`
    // Declared too large in the manifest: refused before the file arrives.
    expectRejected(
      await check(replaceFile(entries, 'master.m3u8', padded), { maxPlaylistBytes: limit }),
      'file_too_large',
      'master.m3u8',
    )
    // Declared small, but its tar header says otherwise: refused before its data is read.
    const lying = replaceFile(entries, 'master.m3u8', padded, { rehash: false })
    expectRejected(await check(lying, { maxPlaylistBytes: limit }), 'file_too_large', 'master.m3u8')
  })
})

describe('files against the manifest', () => {
  it('refuses a package missing a listed file', async () => {
    expectRejected(await check(without(entries, segment)), 'file_missing', segment)
  })

  it('refuses a file the manifest does not list', async () => {
    expectRejected(
      await check([...entries, { name: 'extra.txt', content: 'hi' }]),
      'file_unlisted',
      'extra.txt',
    )
    const stray = { name: '720p/seg999.m4s', content: entryText(entries, segment) }
    expectRejected(await check([...entries, stray]), 'file_unlisted', '720p/seg999.m4s')
  })

  it('refuses a file whose size differs from the manifest', async () => {
    const longer = Buffer.concat([Buffer.from(entryText(entries, 'master.m3u8')), Buffer.from('\n')])
    expectRejected(
      await check(replaceFile(entries, 'master.m3u8', longer, { rehash: false })),
      'size_mismatch',
      'master.m3u8',
    )
  })

  it('refuses a file whose sha256 differs from the manifest, even if its format is broken too', async () => {
    const original = entries.find((entry) => entry.name === segment)!.content
    const flipped = Buffer.from(original)
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 0xff, flipped.length - 1)
    expectRejected(
      await check(replaceFile(entries, segment, flipped, { rehash: false })),
      'checksum_mismatch',
      segment,
    )
    const garbage = Buffer.alloc(original.length, 0x41)
    expectRejected(
      await check(replaceFile(entries, segment, garbage, { rehash: false })),
      'checksum_mismatch',
      segment,
    )
  })
})

describe('manifest', () => {
  it('refuses a manifest that is not JSON', async () => {
    const broken = [{ name: 'manifest.json', content: '{"format": "spool-reel/1",' }, ...entries.slice(1)]
    expectRejected(await check(broken), 'manifest_invalid')
  })

  it.each<[string, (manifest: ReelManifest) => void]>([
    ['another format', (manifest) => ((manifest as { format: string }).format = 'spool-reel/2')],
    ['a lower-case reel id', (manifest) => (manifest.reelId = manifest.reelId.toLowerCase())],
    ['an unknown field', (manifest) => Object.assign(manifest, { extra: true })],
    ['no renditions', (manifest) => (manifest.renditions = [])],
    ['a playlist elsewhere', (manifest) => (manifest.renditions[0]!.playlist = 'master.m3u8')],
    [
      'a file outside the contract',
      (manifest) => (manifest.files['notes.txt'] = { size: 1, sha256: 'a'.repeat(64) }),
    ],
    ['a bad sha256', (manifest) => (manifest.files['poster.jpg']!.sha256 = 'xyz')],
    ['HEVC', (manifest) => (manifest.renditions[0]!.codecs = 'hvc1.1.6.L93.B0')],
  ])('refuses a manifest with %s', async (_, change) => {
    expectRejected(
      await check(rewriteManifest(entries, change, { rehash: false })),
      'manifest_invalid',
      'manifest.json',
    )
  })

  it('refuses more renditions than the server allows', async () => {
    expectRejected(await check(entries, { maxRenditions: 1 }), 'manifest_invalid')
  })

  it('refuses a caption over the limit', async () => {
    const result = await check(rewriteManifest(entries, (manifest) => (manifest.caption = 'a'.repeat(2201))))
    expectRejected(result, 'caption_too_long')
  })

  it('refuses a duration outside the server range', async () => {
    expectRejected(await check(entries, { maxDurationMs: 3_000 }), 'duration_out_of_range')
    expectRejected(await check(entries, { minDurationMs: 10_000 }), 'duration_out_of_range')
  })

  it('refuses a reel id already taken, asking with the manifest id', async () => {
    const asked: string[] = []
    const result = await check(entries, { isReelIdTaken: (id) => (asked.push(id), true) })
    expectRejected(result, 'reel_id_taken')
    expect(asked).toEqual([good.manifest.reelId])
  })

  it('turns a failing reel id lookup into internal_error, keeping the cause', async () => {
    const failure = new Error('database is locked')
    const result = await check(entries, { isReelIdTaken: async () => Promise.reject(failure) })
    expectRejected(result, 'internal_error')
    expect(!result.ok && result.cause).toBe(failure)
  })

  it('refuses landscape and oversized dimensions', async () => {
    expectRejected(await check(createReadStream(landscape.tarPath)), 'dimensions_invalid')
    const tall = rewriteManifest(entries, (manifest) => {
      manifest.height = 2560
      manifest.renditions[0]!.height = 2560
    })
    expectRejected(await check(tall), 'dimensions_invalid')
    const notTop = rewriteManifest(entries, (manifest) => (manifest.width = 360))
    expectRejected(await check(notTop), 'dimensions_invalid')
  })
})

describe('playlists', () => {
  const editPlaylist = (name: string, edit: (text: string) => string) =>
    replaceFile(entries, name, edit(entryText(entries, name)))

  it.each<[string, (text: string) => string]>([
    ['version 6', (text) => text.replace('#EXT-X-VERSION:7', '#EXT-X-VERSION:6')],
    ['no EXT-X-INDEPENDENT-SEGMENTS', (text) => text.replace('#EXT-X-INDEPENDENT-SEGMENTS\n', '')],
    ['another BANDWIDTH', (text) => text.replace(/BANDWIDTH=\d+/, 'BANDWIDTH=1')],
    ['another RESOLUTION', (text) => text.replace('RESOLUTION=720x1280', 'RESOLUTION=720x1281')],
    ['other CODECS', (text) => text.replace(/CODECS="[^"]+"/, 'CODECS="avc1.42e01e,mp4a.40.2"')],
    ['a rendition missing', (text) => text.split('\n').slice(0, -3).join('\n') + '\n'],
    ['an unknown rendition', (text) => text.replace('360p/index.m3u8', '1080p/index.m3u8')],
    [
      'alternate audio',
      (text) => `${text}#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="x",URI="360p/index.m3u8"\n`,
    ],
  ])('refuses a master playlist with %s', async (_, edit) => {
    expectRejected(await check(editPlaylist('master.m3u8', edit)), 'master_playlist_invalid', 'master.m3u8')
  })

  it.each<[string, (text: string) => string]>([
    ['no EXT-X-ENDLIST', (text) => text.replace('#EXT-X-ENDLIST\n', '')],
    ['type EVENT', (text) => text.replace('#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-PLAYLIST-TYPE:EVENT')],
    ['no type', (text) => text.replace('#EXT-X-PLAYLIST-TYPE:VOD\n', '')],
    ['no EXT-X-MAP', (text) => text.replace(/#EXT-X-MAP:.*\n/, '')],
    [
      'a target duration shorter than a segment',
      (text) => text.replace('#EXT-X-TARGETDURATION:2', '#EXT-X-TARGETDURATION:1'),
    ],
    ['a segment listed twice', (text) => text.replace('seg001.m4s', 'seg000.m4s')],
    [
      'encryption',
      (text) => text.replace('#EXT-X-MAP', '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"\n#EXT-X-MAP'),
    ],
    ['a BOM', (text) => `\uFEFF${text}`],
  ])('refuses a media playlist with %s', async (_, edit) => {
    expectRejected(
      await check(editPlaylist('720p/index.m3u8', edit)),
      'media_playlist_invalid',
      '720p/index.m3u8',
    )
  })

  it.each([
    ['a segment in another folder', (text: string) => text.replace('seg001.m4s', '../360p/seg001.m4s')],
    ['a URL', (text: string) => text.replace('seg001.m4s', 'https://cdn.example/seg001.m4s')],
    ['an absolute path', (text: string) => text.replace('seg001.m4s', '/seg001.m4s')],
    ['a percent-encoded escape', (text: string) => text.replace('seg001.m4s', '%2e%2e%2fseg001.m4s')],
    ['an init segment elsewhere', (text: string) => text.replace('URI="init.mp4"', 'URI="../360p/init.mp4"')],
  ])('refuses a media playlist pointing at %s', async (_, edit) => {
    expectRejected(
      await check(editPlaylist('720p/index.m3u8', edit)),
      'playlist_outside_folder',
      '720p/index.m3u8',
    )
  })

  it('refuses a master playlist pointing outside the package', async () => {
    const edited = editPlaylist('master.m3u8', (text) =>
      text.replace('360p/index.m3u8', 'https://evil.example/x.m3u8'),
    )
    expectRejected(await check(edited), 'playlist_outside_folder', 'master.m3u8')
  })

  it('refuses a playlist that lists a segment the manifest does not', async () => {
    const edited = editPlaylist('720p/index.m3u8', (text) => text.replace('seg001.m4s', 'seg777.m4s'))
    expectRejected(await check(edited), 'file_missing', '720p/seg777.m4s')
  })

  it('refuses a duration that disagrees with the playlists by more than 0.5 s', async () => {
    const ok = await check(rewriteManifest(entries, (manifest) => (manifest.durationMs += 400)))
    expect(ok.ok).toBe(true)
    const result = await check(rewriteManifest(entries, (manifest) => (manifest.durationMs += 2_000)))
    expectRejected(result, 'duration_mismatch', '720p/index.m3u8')
  })
})

describe('media files', () => {
  const content = (name: string) => entries.find((entry) => entry.name === name)!.content

  it('refuses an init segment that is not ftyp + moov', async () => {
    expectRejected(
      await check(replaceFile(entries, '720p/init.mp4', content(segment))),
      'init_segment_invalid',
      '720p/init.mp4',
    )
    // A plain (faststart) MP4 is ftyp + moov + mdat, and its moov has no mvex.
    const plain = await readFile(await ensureMedia('truncated-mp4'))
    expectRejected(await check(replaceFile(entries, '720p/init.mp4', plain)), 'init_segment_invalid')
    expectRejected(
      await check(replaceFile(entries, '720p/init.mp4', Buffer.alloc(0))),
      'init_segment_invalid',
    )
  })

  it('refuses an init segment whose stream is not what the manifest declares', async () => {
    // The manifest and master say Baseline 3.0; the stream is High.
    const baseline = (codecs: string) => codecs.replace(/avc1\.[0-9a-f]{6}/, 'avc1.42e01e')
    const declared = rewriteManifest(entries, (manifest) => {
      manifest.renditions[0]!.codecs = baseline(manifest.renditions[0]!.codecs)
    })
    const master = entryText(declared, 'master.m3u8').replace(/avc1\.[0-9a-f]{6}/, 'avc1.42e01e')
    expectRejected(
      await check(replaceFile(declared, 'master.m3u8', master)),
      'codec_mismatch',
      '720p/init.mp4',
    )

    // Audio declared where the stream has none: a silent init under an audio manifest.
    const silentInit = await readFile(join(silent.dir, '720p', 'init.mp4'))
    expectRejected(
      await check(replaceFile(entries, '720p/init.mp4', silentInit)),
      'codec_mismatch',
      '720p/init.mp4',
    )
    // Another rendition's init: right codec family, wrong picture size (and level).
    expectRejected(
      await check(replaceFile(entries, '720p/init.mp4', content('360p/init.mp4'))),
      'codec_mismatch',
    )
  })

  it('refuses media segments that are not moof + mdat', async () => {
    const original = content(segment)
    const free = Buffer.from([0, 0, 0, 8, ...Buffer.from('free')])
    expectRejected(
      await check(replaceFile(entries, segment, Buffer.concat([free, original]))),
      'media_segment_invalid',
      segment,
    )
    expectRejected(
      await check(replaceFile(entries, segment, content('720p/init.mp4'))),
      'media_segment_invalid',
    )
    // Cut right after the moof: a fragment without its media data.
    const cut = cutAfterBox(original, 'moof')
    expectRejected(await check(replaceFile(entries, segment, cut)), 'media_segment_invalid', segment)
  })

  it('refuses a poster that is not a decodable JPEG of the right shape', async () => {
    const poster = content('poster.jpg')
    expectRejected(
      await check(replaceFile(entries, 'poster.jpg', Buffer.from('not a jpeg'))),
      'poster_invalid',
      'poster.jpg',
    )
    expectRejected(
      await check(replaceFile(entries, 'poster.jpg', poster.subarray(0, poster.length - 100))),
      'poster_invalid',
    )
    const wrongShape = await readFile(join(landscape.dir, 'poster.jpg'))
    expectRejected(
      await check(replaceFile(entries, 'poster.jpg', wrongShape)),
      'poster_invalid',
      'poster.jpg',
    )
  })
})

describe('resources', () => {
  it('streams: a 200 MB file cut short at 150 MB is refused with memory well below its size', async () => {
    const declared = 200_000_000
    const sent = 150_000_000
    const head = fragmentHead(declared)
    const manifest = rewriteManifest(
      entries,
      (value) => (value.files[segment] = { size: declared, sha256: '0'.repeat(64) }),
      {
        rehash: false,
      },
    )
    const zeros = Buffer.alloc(256 * 1024)
    let peak = 0
    const baseline = process.memoryUsage().rss
    async function* upload() {
      yield ustarFile('manifest.json', (manifest[0] as FileEntry).content)
      yield Buffer.concat([ustarHeader(segment, declared), head])
      for (let sentBytes = head.length; sentBytes < sent; sentBytes += zeros.length) {
        peak = Math.max(peak, process.memoryUsage().rss - baseline)
        yield zeros
      }
    }
    const result = await check(Readable.from(upload()))
    expectRejected(result, 'tar_truncated')
    expect(peak).toBeLessThan(64 * 1024 * 1024)
  })

  it('triggers every reason code in this file', () => {
    expect([...triggered].sort()).toEqual([...PACKAGE_REASON_CODES].sort())
  })
})

// styp + a minimal moof (mfhd, traf with tfhd) + the header of an mdat filling the rest of `size`.
function fragmentHead(size: number): Buffer {
  const box = (type: string, ...payload: Buffer[]) => {
    const body = Buffer.concat(payload)
    const header = Buffer.alloc(8)
    header.writeUInt32BE(8 + body.length)
    header.write(type, 4, 'latin1')
    return Buffer.concat([header, body])
  }
  const styp = box('styp', Buffer.from('msdh'), Buffer.alloc(4), Buffer.from('msdhmsix'))
  const moof = box('moof', box('mfhd', Buffer.alloc(8)), box('traf', box('tfhd', Buffer.alloc(8))))
  const mdat = Buffer.alloc(8)
  mdat.writeUInt32BE(size - styp.length - moof.length)
  mdat.write('mdat', 4, 'latin1')
  return Buffer.concat([styp, moof, mdat])
}

function cutAfterBox(bytes: Buffer, type: string): Buffer {
  let offset = 0
  while (offset < bytes.length) {
    const size = bytes.readUInt32BE(offset)
    if (bytes.toString('latin1', offset + 4, offset + 8) === type) return bytes.subarray(0, offset + size)
    offset += size
  }
  throw new Error(`no ${type} box`)
}
