import { describe, expect, it } from 'vitest'
import { reelManifestSchema, type ReelManifest } from './manifest-schema'

const hash = 'ab'.repeat(32)
const file = { size: 10, sha256: hash }

function manifest(): ReelManifest {
  return {
    format: 'spool-reel/1',
    reelId: '01JD8Z7Q3X4Y5Z6A7B8C9D0E1F',
    caption: 'Sunset run #running #beach with @mia',
    durationMs: 15000,
    width: 720,
    height: 1280,
    poster: 'poster.jpg',
    sound: { title: 'Original sound', sourceReelId: null },
    renditions: [
      {
        name: '720p',
        width: 720,
        height: 1280,
        bandwidth: 2800000,
        codecs: 'avc1.64001f,mp4a.40.2',
        playlist: '720p/index.m3u8',
      },
    ],
    files: {
      'master.m3u8': file,
      'poster.jpg': file,
      '720p/index.m3u8': file,
      '720p/init.mp4': file,
      '720p/seg000.m4s': file,
    },
  }
}

function issues(value: unknown): string[] {
  const result = reelManifestSchema.safeParse(value)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('reelManifestSchema', () => {
  it('accepts the contract example', () => {
    expect(issues(manifest())).toEqual([])
  })

  it('accepts a reused sound and codecs without audio', () => {
    const value = manifest()
    value.sound.sourceReelId = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1G'
    value.renditions[0]!.codecs = 'avc1.42E01E'
    expect(issues(value)).toEqual([])
  })

  it.each<[string, (value: ReelManifest) => void]>([
    ['an unknown field', (value) => Object.assign(value, { hashtags: [] })],
    ['a lower-case reel id', (value) => (value.reelId = value.reelId.toLowerCase())],
    ['a reel id with an I', (value) => (value.reelId = '01JD8Z7Q3X4Y5Z6A7B8C9D0E1I')],
    ['a fractional duration', (value) => (value.durationMs = 1.5)],
    ['another poster name', (value) => ((value as { poster: string }).poster = 'cover.jpg')],
    ['two video codecs', (value) => (value.renditions[0]!.codecs = 'avc1.64001f,avc1.64001f')],
    ['HE-AAC', (value) => (value.renditions[0]!.codecs = 'avc1.64001f,mp4a.40.5')],
    ['audio only', (value) => (value.renditions[0]!.codecs = 'mp4a.40.2')],
    ['an upper-case rendition name', (value) => (value.renditions[0]!.name = '720P')],
    ['a playlist not named <name>/index.m3u8', (value) => (value.renditions[0]!.playlist = '720p/main.m3u8')],
    ['duplicate rendition names', (value) => value.renditions.push({ ...value.renditions[0]! })],
    [
      'seven renditions',
      (value) =>
        (value.renditions = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => ({
          ...value.renditions[0]!,
          name,
          playlist: `${name}/index.m3u8`,
        }))),
    ],
    ['no segment', (value) => delete value.files['720p/seg000.m4s']],
    ['no poster file', (value) => delete value.files['poster.jpg']],
    ['manifest.json listed', (value) => (value.files['manifest.json'] = file)],
    ['a traversal path', (value) => (value.files['../x.m4s'] = file)],
    ['a file of an unknown rendition', (value) => (value.files['1080p/seg000.m4s'] = file)],
    ['a stray top-level file', (value) => (value.files['notes.txt'] = file)],
    ['a negative size', (value) => (value.files['poster.jpg'] = { size: -1, sha256: hash })],
  ])('refuses %s', (_, change) => {
    const value = manifest()
    change(value)
    expect(issues(value)).not.toEqual([])
  })
})
