// The uncopied upload body against a real node:http request: same bytes and the very same Buffers,
// backpressure, and a client that goes away mid-body fails the stream (so tus keeps only what came).
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { uncopiedBodyStream, useUncopiedBody } from './upload-body'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Starts a server that hands each request to `onRequest`; resolves with its port. */
function serve(onRequest: (req: IncomingMessage) => Promise<void>): Promise<number> {
  server = createServer((req, res) => {
    void onRequest(req).finally(() => res.end())
  })
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)),
  )
}

function send(port: number, body: Buffer, options: { cutAfter?: number } = {}): Promise<void> {
  return new Promise((resolve) => {
    const req = request({
      port,
      host: '127.0.0.1',
      method: 'PATCH',
      headers: { 'content-length': body.length },
    })
    req.on('response', (res) => res.resume().on('end', () => resolve()))
    req.on('error', () => resolve())
    if (options.cutAfter === undefined) return void req.end(body)
    req.write(body.subarray(0, options.cutAfter), () => setTimeout(() => req.destroy(), 50))
  })
}

async function readAll(stream: ReadableStream<Uint8Array>, delayMs = 0) {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return chunks
    chunks.push(value)
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs))
  }
}

describe('uncopiedBodyStream', () => {
  it('passes node:http Buffers on unchanged, in order', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024)
    for (let i = 0; i < body.length; i++) body[i] = (i * 7) % 251
    let received: Buffer | undefined
    let sameBuffers = true
    const port = await serve(async (req) => {
      const seen: Buffer[] = []
      req.on('data', (chunk: Buffer) => seen.push(chunk))
      const chunks = await readAll(uncopiedBodyStream(req))
      sameBuffers = chunks.every((chunk, i) => chunk === seen[i])
      received = Buffer.concat(chunks)
    })
    await send(port, body)
    expect(received?.equals(body)).toBe(true)
    expect(sameBuffers).toBe(true)
  })

  it('pauses the request while nobody reads', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 1)
    let pausedWhileWaiting = false
    let total = 0
    const port = await serve(async (req) => {
      const stream = uncopiedBodyStream(req)
      const reader = stream.getReader()
      const first = await reader.read()
      total += first.value!.length
      // Nothing read for a while: the request must stop flowing instead of filling memory.
      await new Promise((resolve) => setTimeout(resolve, 200))
      pausedWhileWaiting = req.isPaused()
      reader.releaseLock()
      for (const chunk of await readAll(stream)) total += chunk.length
    })
    await send(port, body)
    expect(pausedWhileWaiting).toBe(true)
    expect(total).toBe(body.length)
  })

  it('fails when the client goes away before the end', async () => {
    let outcome: unknown
    const port = await serve(async (req) => {
      outcome = await readAll(uncopiedBodyStream(req), 5).then(
        (chunks) => `ended after ${chunks.length} chunks`,
        (error: unknown) => error,
      )
    })
    await send(port, Buffer.alloc(4 * 1024 * 1024, 2), { cutAfter: 256 * 1024 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(outcome).toBeInstanceOf(Error)
  })
})

describe('useUncopiedBody', () => {
  const withNode = (method: string, req: unknown) =>
    Object.assign(new Request('http://x/', { method }), { runtime: { node: { req } } })

  it('replaces the body of a request whose body nobody has read yet, lazily', async () => {
    let seen: ReadableStream | null | undefined
    const port = await serve(async (req) => {
      const web = withNode('PATCH', req)
      useUncopiedBody(web)
      // Nothing is read until the body is asked for.
      expect(req.listenerCount('data')).toBe(0)
      seen = web.body
      expect(web.body).toBe(seen)
      expect(Buffer.concat(await readAll(seen!)).toString()).toBe('hello')
    })
    await send(port, Buffer.from('hello'))
    expect(seen).toBeInstanceOf(ReadableStream)
  })

  it('leaves requests alone that are already being read or are not from node:http', async () => {
    const plain = new Request('http://x/', { method: 'PATCH', body: 'abc' })
    useUncopiedBody(plain)
    expect(await plain.text()).toBe('abc')

    const port = await serve(async (req) => {
      req.on('data', () => {})
      const web = withNode('PATCH', req)
      const before = Object.getOwnPropertyDescriptor(web, 'body')
      useUncopiedBody(web)
      expect(Object.getOwnPropertyDescriptor(web, 'body')).toEqual(before)
      await new Promise((resolve) => req.on('end', resolve))
    })
    await send(port, Buffer.from('x'))
  })
})
