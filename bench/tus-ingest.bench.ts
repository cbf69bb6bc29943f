// tus ingest throughput: a 100 MB body uploaded with tus-js-client (8 MB chunks) to the real
// server, against a plain HTTP PUT of the same bytes, sent by tus-js-client's own Node HTTP stack
// (same client code, same write pattern), to a minimal node:http server in its own process that
// streams it to a file on the same disk. Interleaved rounds; medians are the headline (the
// machine is shared, so single runs swing), best and per-process CPU time are in the notes.
//
// Diagnostic rows in the same rounds, to tell where the time goes: a raw PATCH loop (one write
// per chunk) instead of tus-js-client, bare @tus/server with no hooks (so with Node's copying
// Readable.toWeb body, which our server replaces: server/src/ingest/upload-body.ts), and our
// server with the larger young generation it used to run with (see server/node-flags.ts).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultOptions } from 'tus-js-client'
import { ulid } from 'ulid'
import { serverNodeFlags } from '../server/node-flags'
import { startProcess } from '../test/support/process'
import { register, startTestServer } from '../test/support/server'
import { tusUpload } from '../test/support/tus-upload'
import { cpuMs } from './support/cpu-time'
import { rawTusUpload } from './support/upload-clients'
import { report } from './run'

const SIZE = 100 * 1024 * 1024
const CHUNK = 8 * 1024 * 1024
const ROUNDS = Number(process.env.SPOOL_BENCH_ROUNDS ?? 5)
const body = randomBytes(SIZE)
const dir = mkdtempSync(join(tmpdir(), 'spool-bench-put-'))
const ready = /listening on (\S+)/

const plain = await startProcess('bench/support/plain-put-server.ts', {
  args: [dir],
  nodeArgs: serverNodeFlags,
  readyPattern: ready,
})
const bare = await startProcess('bench/support/bare-tus-server.ts', {
  args: [dir],
  nodeArgs: serverNodeFlags,
  readyPattern: ready,
})
// The V8 flag server/node-flags.ts used to hold; kept here to show why it went.
const LARGE_YOUNG_GENERATION = ['--max-semi-space-size=32']
const server = await startTestServer()
const flagged = await startTestServer({}, undefined, LARGE_YOUNG_GENERATION)
const token = await register(server.url, 'bench')
const flaggedToken = await register(flagged.url, 'bench')
const metadata = () => ({ reelId: ulid(), filename: 'bench.tar' })

async function withTusJs(url: string, bearer: string): Promise<void> {
  const outcome = await tusUpload(url, body, { token: bearer, metadata: metadata(), chunkSize: CHUNK })
  if (!outcome.ok) throw new Error(`tus upload failed: ${outcome.status} ${outcome.body}`)
}

async function putWithTusJsStack(): Promise<void> {
  // tus-js-client sends a chunk as a Buffer with a `size`; the same object here is the whole body.
  const request = defaultOptions.httpStack.createRequest('PUT', plain.ready)
  const response = await request.send(Object.assign(body.subarray(0), { size: SIZE }))
  if (response.getStatus() !== 204) throw new Error(`PUT answered ${response.getStatus()}`)
}

const variants = {
  reference: { pid: plain.child.pid!, run: putWithTusJsStack },
  ours: { pid: server.process.child.pid!, run: () => withTusJs(server.url, token) },
  oursWithLargeYoungGeneration: {
    pid: flagged.process.child.pid!,
    run: () => withTusJs(flagged.url, flaggedToken),
  },
  oursRawPatchClient: {
    pid: server.process.child.pid!,
    run: () =>
      rawTusUpload(`${server.url}/api/uploads/`, body, { token, metadata: metadata(), chunkSize: CHUNK }),
  },
  bareTusServerRawPatchClient: {
    pid: bare.child.pid!,
    run: () => rawTusUpload(`${bare.ready}/api/uploads/`, body, { metadata: metadata(), chunkSize: CHUNK }),
  },
}
type Variant = keyof typeof variants
const mbps: Record<string, number[]> = {}
const serverCpu: Record<string, number[]> = {}
const clientCpu: Record<string, number[]> = {}

try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, variant] of Object.entries(variants)) {
      const cpuBefore = cpuMs(variant.pid)
      const clientBefore = process.cpuUsage()
      const started = performance.now()
      await variant.run()
      const seconds = (performance.now() - started) / 1000
      const client = process.cpuUsage(clientBefore)
      ;(mbps[name] ??= []).push(Math.round(SIZE / 1e6 / seconds))
      ;(serverCpu[name] ??= []).push(cpuMs(variant.pid) - cpuBefore)
      ;(clientCpu[name] ??= []).push(Math.round((client.user + client.system) / 1000))
      // Not a package: our worker rejects it at once and deletes the upload file. Delete the
      // other servers' files too, so that no variant pays for writing back an earlier one's.
      for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true })
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }
} finally {
  await Promise.all([server.stop(), flagged.stop(), plain.stop(), bare.stop()])
  rmSync(dir, { recursive: true, force: true })
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const summary = (name: Variant) => ({
  medianMBps: median(mbps[name]!),
  bestMBps: Math.max(...mbps[name]!),
  runsMBps: mbps[name],
  medianServerCpuMs: median(serverCpu[name]!),
  medianClientCpuMs: median(clientCpu[name]!),
})

report({
  name: 'tus ingest (100 MB, 8 MB chunks, median)',
  unit: 'MB/s',
  better: 'higher',
  ours: median(mbps.ours!),
  reference: median(mbps.reference!),
  referenceName: "PUT by tus-js-client's Node HTTP stack to node:http → disk, own process",
  target: '≥ 0.85×',
  notes: {
    rounds: ROUNDS,
    bestRatio: Math.max(...mbps.ours!) / Math.max(...mbps.reference!),
    roundRatios: mbps.ours!.map((value, i) => Math.round((value / mbps.reference![i]!) * 100) / 100),
    ...Object.fromEntries(Object.keys(variants).map((name) => [name, summary(name as Variant)])),
  },
})
// Throughput swings with whatever else the shared machine runs; the CPU the receiving process
// spends on the same 100 MB is much steadier.
report({
  name: 'tus ingest: receiving server CPU per 100 MB (median)',
  unit: 'ms',
  better: 'lower',
  ours: median(serverCpu.ours!),
  reference: median(serverCpu.reference!),
  referenceName: 'plain PUT server process',
  target: '≥ 0.85×',
})
