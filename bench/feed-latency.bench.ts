// GET /api/feed latency under concurrent load: 100k published reels, 10k viewers with history
// (views, likes, comments, follows), seeded straight into the database in bulk; the real server
// on 127.0.0.1; wrk with a Lua script that signs each request in as a different viewer and asks
// for a first page (the expensive one: profile, candidates, ranking, snapshot). References in the
// same run on the same server: a newest-first list of the same item shape
// (GET /api/hashtags/:tag/reels, one indexed query) and GET /healthz (the HTTP floor).
// Interleaved rounds; medians of wrk's p50/p99 reported.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startTestServer } from '../test/support/server'
import { ensureTools } from './support/ensure-tools'
import { feedCatalogue, REELS, tokenOf, USERS } from './support/feed-catalogue'
import { parseWrk } from './support/wrk'
import { report } from './run'

ensureTools([{ binary: '/usr/bin/wrk', apt: 'wrk' }])

const ROUNDS = Number(process.env.SPOOL_BENCH_ROUNDS ?? 3)
const WRK = { threads: 2, connections: 16, seconds: Number(process.env.SPOOL_BENCH_SECONDS ?? 8) }

const { dataDir, temporary } = feedCatalogue()
const server = await startTestServer({}, dataDir)
const scripts = mkdtempSync(join(tmpdir(), 'spool-feed-wrk-'))

/** A Lua script that sends GET `path` with each request signed in as the next of `tokens`. */
function rotationScript(name: string, path: string, tokens: number): string {
  const file = join(scripts, `${name}.lua`)
  writeFileSync(
    file,
    `local i = 0
request = function()
  i = i + 1
  local headers = {}
  ${tokens > 0 ? `headers["Authorization"] = string.format("Bearer bench-token-%08d-xxxxxxxxxx", (i * 7919 + math.random(0, ${tokens - 1})) % ${tokens})` : ''}
  return wrk.format("GET", "${path}", headers)
end
`,
  )
  return file
}

interface Latency {
  p50: number
  p99: number
  rps: number
  errors: number
}
const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 }
async function load(script: string): Promise<Latency> {
  const { stdout } = await promisify(execFile)('wrk', [
    `-t${WRK.threads}`,
    `-c${WRK.connections}`,
    `-d${WRK.seconds}s`,
    '--latency',
    // A loaded machine can take seconds: a timed-out request would be an error, not a latency.
    '--timeout',
    '10s',
    '-s',
    script,
    server.url,
  ])
  const percentile = (p: string) => {
    const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout)
    if (!match) throw new Error(`cannot read wrk's ${p}th percentile:\n${stdout}`)
    return Number(match[1]) * MS[match[2]!]!
  }
  // wrk's summary (requests/s, non-2xx answers and socket errors, timeouts included).
  const summary = parseWrk(stdout)
  if (summary.requestsPerSecond === 0) throw new Error(`wrk completed no request:\n${stdout}`)
  return {
    p50: percentile('50'),
    p99: percentile('99'),
    rps: summary.requestsPerSecond,
    errors: summary.errors,
  }
}

// A quick check that the feed answers what it should before timing it.
const sample = await fetch(`${server.url}/api/feed?limit=10`, {
  headers: { authorization: `Bearer ${tokenOf(1)}` },
})
const body = (await sample.json()) as { items: unknown[] }
if (sample.status !== 200 || body.items.length !== 10) throw new Error(`feed answered ${sample.status}`)

const cases = {
  feed: rotationScript('feed', '/api/feed?limit=10', USERS),
  feedAnonymous: rotationScript('anon', '/api/feed?limit=10', 0),
  newestFirst: rotationScript('newest', '/api/hashtags/topic7/reels?limit=10', USERS),
  healthz: rotationScript('healthz', '/healthz', 0),
}
const runs: Record<string, Latency[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, script] of Object.entries(cases)) {
    const result = await load(script)
    if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors`)
    runs[name]!.push(result)
    console.log(`round ${round + 1} ${name}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps} req/s`)
  }
}
await server.stop()
if (temporary) rmSync(dataDir, { recursive: true, force: true })
rmSync(scripts, { recursive: true, force: true })

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = Object.fromEntries(
  Object.entries(runs).map(([name, list]) => [
    name,
    {
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      rps: median(list.map((r) => r.rps)),
      p50Runs: list.map((r) => r.p50),
      p99Runs: list.map((r) => r.p99),
    },
  ]),
)
const notes = { reels: REELS, users: USERS, wrk: WRK, rounds: ROUNDS, ...summary }
console.log(JSON.stringify(notes, null, 2))
for (const percentile of ['p50', 'p99'] as const) {
  for (const [reference, referenceName] of [
    ['newestFirst', 'newest-first hashtag list, same server and item shape'],
    ['healthz', 'GET /healthz, same server'],
  ] as const) {
    report({
      name: `GET /api/feed ${percentile} latency, signed-in first page (median of rounds) vs ${reference}`,
      unit: 'ms',
      better: 'lower',
      ours: summary.feed![percentile],
      reference: summary[reference]![percentile],
      referenceName,
      notes,
    })
  }
}
