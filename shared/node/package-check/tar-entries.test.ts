import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { tarBuffer, ustarFile, ustarHeader, type EntrySpec } from '../../../test/support/reel-package'
import { PackageRejection } from './reasons'
import { readTarEntries } from './tar-entries'

const limits = { maxEntries: 10, maxTotalBytes: 1_000 }

async function list(input: Buffer | EntrySpec[], options = limits): Promise<string[] | string> {
  const bytes = Buffer.isBuffer(input) ? input : await tarBuffer(input)
  const seen: string[] = []
  try {
    for await (const entry of readTarEntries(Readable.from([bytes]), options)) {
      let size = 0
      for await (const chunk of entry.body) size += chunk.length
      seen.push(`${entry.type}:${entry.path}:${size}`)
    }
    return seen
  } catch (error) {
    if (error instanceof PackageRejection) return error.reason
    throw error
  }
}

describe('readTarEntries', () => {
  it('yields files and directories in order with their data', async () => {
    expect(
      await list([
        { name: 'a', content: 'hello' },
        { name: 'dir', type: 'directory' },
        { name: 'dir/b', content: '' },
      ]),
    ).toEqual(['file:a:5', 'directory:dir:0', 'file:dir/b:0'])
  })

  it('refuses links, devices and fifos', async () => {
    expect(await list([{ name: 'a', type: 'symlink', linkname: '/etc' }])).toBe('forbidden_entry_type')
    expect(await list([{ name: 'a', type: 'link', linkname: 'b' }])).toBe('forbidden_entry_type')
    expect(await list([{ name: 'a', type: 'block-device' }])).toBe('forbidden_entry_type')
    expect(await list(Buffer.concat([ustarHeader('a', 0, 'S'), Buffer.alloc(1024)]))).toBe(
      'forbidden_entry_type',
    )
  })

  it('refuses unsafe and duplicate paths', async () => {
    expect(await list([{ name: '../a', content: '' }])).toBe('unsafe_path')
    expect(
      await list([
        { name: 'a', content: '' },
        { name: 'A', content: '' },
      ]),
    ).toBe('duplicate_path')
  })

  it('counts entries and declared bytes before reading data', async () => {
    const many = Array.from({ length: 11 }, (_, index) => ({ name: `f${index}`, content: '' }))
    expect(await list(many)).toBe('too_many_entries')
    expect(await list(Buffer.concat([ustarHeader('big', 1_001)]))).toBe('package_too_large')
  })

  it('tells a non-tar from a truncated tar', async () => {
    expect(await list(Buffer.from('hello'))).toBe('not_a_tar')
    expect(await list(Buffer.alloc(512, 7))).toBe('not_a_tar')
    expect(await list(ustarFile('a', Buffer.alloc(600)).subarray(0, 800))).toBe('tar_truncated')
    expect(await list(Buffer.alloc(0))).toBe('not_a_tar')
  })

  it('caps the raw stream too (pax headers are not entries)', async () => {
    const pax = Buffer.alloc(200_000, 0x20)
    expect(
      await list(Buffer.concat([ustarHeader('p', pax.length, 'x'), pax]), {
        maxEntries: 1,
        maxTotalBytes: 10,
      }),
    ).toBe('package_too_large')
  })
})
