import { expect, it } from 'vitest'
import { ByteReader } from './byte-reader'

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part)
}

it('reads across chunk boundaries, skips, and reports the end', async () => {
  const reader = new ByteReader(chunks('ab', 'cde', '', 'fgh'))
  expect((await reader.read(4)).toString()).toBe('abcd')
  expect(await reader.skip(2)).toBe(2)
  expect(reader.position).toBe(6)
  expect((await reader.read(10)).toString()).toBe('gh')
  expect(await reader.atEnd()).toBe(true)
  expect(await reader.skip(5)).toBe(0)
})

it('drains the rest so a tap on the stream sees every byte', async () => {
  let seen = 0
  async function* counted() {
    for await (const chunk of chunks('abc', 'def')) {
      seen += chunk.length
      yield chunk
    }
  }
  const reader = new ByteReader(counted())
  await reader.read(1)
  await reader.drain()
  expect(seen).toBe(6)
})
