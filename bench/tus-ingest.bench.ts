// tus ingest throughput: a ~100 MB body uploaded with tus-js-client (8 MB chunks) to the real
// server, against a plain HTTP PUT of the same bytes to a minimal node:http server that writes
// them to disk. Interleaved runs in the same process; best of each is reported (MB/s).
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ulid } from 'ulid'
import { register, startTestServer } from '../test/support/server'
import { tusUpload } from '../test/support/tus-upload'
import { report } from './run'

const SIZE = 100 * 1024 * 1024
const ROUNDS = 3
const body = randomBytes(SIZE)
const dir = mkdtempSync(join(tmpdir(), 'spool-bench-put-'))

// The reference: PUT the body, stream it to a file, answer 204.
let files = 0
const plain = createServer((req, res) => {
  void pipeline(req, createWriteStream(join(dir, `put-${files++}`))).then(() => res.writeHead(204).end())
})
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))
const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`

function put(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(plainUrl, { method: 'PUT', headers: { 'content-length': SIZE } }, (res) => {
      res.resume()
      res.on('end', resolve)
    })
    req.on('error', reject)
    req.end(body)
  })
}

const server = await startTestServer()
const token = await register(server.url, 'bench')

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return SIZE / 1e6 / ((performance.now() - started) / 1000)
}

const ours: number[] = []
const reference: number[] = []
try {
  for (let round = 0; round < ROUNDS; round++) {
    reference.push(await timed(put))
    ours.push(
      await timed(async () => {
        const outcome = await tusUpload(server.url, body, {
          token,
          metadata: { reelId: ulid(), filename: 'bench.tar' },
          chunkSize: 8 * 1024 * 1024,
        })
        if (!outcome.ok) throw new Error(`tus upload failed: ${outcome.status} ${outcome.body}`)
      }),
    )
    // Not a package: the worker rejects it at once; give it a moment so rounds do not overlap.
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
} finally {
  await server.stop()
  plain.close()
  rmSync(dir, { recursive: true, force: true })
}

report({
  name: 'tus ingest (100 MB, 8 MB chunks)',
  unit: 'MB/s',
  better: 'higher',
  ours: Math.max(...ours),
  reference: Math.max(...reference),
  referenceName: 'plain HTTP PUT to node:http → disk',
  target: '≥ 0.85×',
  notes: { ours, reference },
})
