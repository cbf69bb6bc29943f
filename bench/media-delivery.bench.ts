// HLS segment delivery: a real reel (ffmpeg-made package, uploaded with tus, published by the
// worker) served to wrk (a Lua script rotating over all of the reel's segment URLs) by
//   (a) our server alone, pure Node, as configured by default: the reel's few segments are all in
//       its hot-file cache after the first requests (media-cache.ts), so this is the hot-reel case;
//   (a') the same with SPOOL_MEDIA_CACHE_BYTES=0: every request reads its file (the cold case);
//   (b) nginx serving the same files straight from disk (a static location: the reference; with
//       the same open_file_cache as the shipped site, so the two differ only in the access check),
//   (c) nginx in front of our server with SPOOL_MEDIA_ACCEL=nginx (the shipped nginx.conf,
//       rendered): the server decides, nginx caches its "yes" per file for a few seconds and
//       sends the bytes.
// Interleaved rounds, medians reported. wrk, nginx and the servers share the machine's cores with
// whatever else runs, so requests per second swing from run to run; the CPU time the serving
// processes spend per request (nginx's workers plus the Node server behind them) is much steadier
// and is reported next to it, as is each round's own ratio (ours and the reference run back to
// back, so a round's ratio is fairer than a ratio of medians from different moments).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderNginxSite } from '../server/deploy/render-nginx-site'
import { ensureMedia } from '../test/support/media'
import { freePort, NGINX_BINARY, startNginx } from '../test/support/nginx'
import { makeReelPackage } from '../test/support/reel-package'
import { register, startTestServer } from '../test/support/server'
import { tusUpload, waitForReel } from '../test/support/tus-upload'
import { childPids, cpuMs } from './support/cpu-time'
import { ensureTools } from './support/ensure-tools'
import { runWrk, writeRotationScript, type WrkResult } from './support/wrk'
import { report } from './run'

ensureTools([
  { binary: NGINX_BINARY, apt: 'nginx' },
  { binary: '/usr/bin/wrk', apt: 'wrk' },
])

const ROUNDS = Number(process.env.SPOOL_BENCH_ROUNDS ?? 3)
const WRK = { threads: 2, connections: 32, seconds: Number(process.env.SPOOL_BENCH_SECONDS ?? 5) }

// Publish a real reel through the real path.
const pkg = await makeReelPackage(await ensureMedia('portrait-noaudio-3s'), { caption: 'bench' })
const node = await startTestServer()
const token = await register(node.url, 'bench')
const uploaded = await tusUpload(node.url, readFileSync(pkg.tarPath), {
  token,
  metadata: { reelId: pkg.manifest.reelId, filename: 'reel.tar' },
})
if (!uploaded.ok) throw new Error(`upload failed: ${uploaded.status} ${uploaded.body}`)
const reel = await waitForReel(node.url, pkg.manifest.reelId, token)
if (reel.body.status !== 'published') throw new Error(`reel not published: ${JSON.stringify(reel.body)}`)

// More server processes on the same data directory, in accel mode and without the cache (they
// only read: the reel is published, nothing is left for a worker or recovery to do).
const accel = await startTestServer({ SPOOL_MEDIA_ACCEL: 'nginx' }, node.dataDir)
const uncached = await startTestServer({ SPOOL_MEDIA_CACHE_BYTES: '0' }, node.dataDir)
const [staticPort, accelPort] = [await freePort(), await freePort()]
const nginx = await startNginx(
  (dir) => `server {
    listen 127.0.0.1:${staticPort};
    open_file_cache max=10000 inactive=60s;
    open_file_cache_valid 10s;
    location /media/ {
      alias ${node.dataDir}/media/;
      sendfile on;
      tcp_nopush on;
    }
  }
  ${renderNginxSite({
    listen: `127.0.0.1:${accelPort}`,
    upstream: new URL(accel.url).host,
    dataDir: node.dataDir,
    cacheDir: join(dir, 'spool-cache'),
  })}`,
  accelPort,
)
const nginxWorkers = childPids(nginx.child.pid!, 'worker process')

const segments = Object.keys(pkg.manifest.files).filter((path) => path.endsWith('.m4s'))
const segmentBytes = segments.map((path) => pkg.manifest.files[path]!.size)
const scriptDir = mkdtempSync(join(tmpdir(), 'spool-bench-wrk-'))
const script = writeRotationScript(
  scriptDir,
  segments.map((path) => `/media/${pkg.manifest.reelId}/${path}`),
)

const targets = {
  node: node.url,
  nodeUncached: uncached.url,
  nginxStatic: `http://127.0.0.1:${staticPort}`,
  nginxAccel: `http://127.0.0.1:${accelPort}`,
}
type Target = keyof typeof targets
// The processes that do the serving for each target, whose CPU time is counted.
const servingPids: Record<Target, number[]> = {
  node: [node.process.child.pid!],
  nodeUncached: [uncached.process.child.pid!],
  nginxStatic: nginxWorkers,
  nginxAccel: [...nginxWorkers, accel.process.child.pid!],
}
const runs: Record<Target, WrkResult[]> = { node: [], nodeUncached: [], nginxStatic: [], nginxAccel: [] }
const cpuMicrosPerRequest: Record<Target, number[]> = {
  node: [],
  nodeUncached: [],
  nginxStatic: [],
  nginxAccel: [],
}
const totalCpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0)

try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(targets) as [Target, string][]) {
      const cpuBefore = totalCpuMs(servingPids[name])
      const result = await runWrk(url, script, WRK)
      const cpuUsed = totalCpuMs(servingPids[name]) - cpuBefore
      if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors in a wrk run`)
      runs[name].push(result)
      const requests = result.requestsPerSecond * WRK.seconds
      cpuMicrosPerRequest[name].push(Math.round(((cpuUsed * 1000) / requests) * 10) / 10)
    }
  }
} finally {
  await nginx.stop()
  await accel.stop()
  await uncached.stop()
  await node.stop()
  rmSync(scriptDir, { recursive: true, force: true })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const rps = (name: Target) => median(runs[name].map((r) => r.requestsPerSecond))
const mbps = (name: Target) => median(runs[name].map((r) => r.megabytesPerSecond))
const cpu = (name: Target) => median(cpuMicrosPerRequest[name])
// Each round's ours ÷ reference, run minutes apart at most.
const roundRatios = (name: Target) =>
  runs[name].map(
    (r, i) => Math.round((r.requestsPerSecond / runs.nginxStatic[i]!.requestsPerSecond) * 100) / 100,
  )
const notes = {
  rounds: ROUNDS,
  wrk: `-t${WRK.threads} -c${WRK.connections} -d${WRK.seconds}s, rotating over ${segments.length} segments`,
  segmentBytes,
  medianMBps: Object.fromEntries(Object.keys(targets).map((name) => [name, mbps(name as Target)])),
  runsReqPerSec: Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, list.map((r) => Math.round(r.requestsPerSecond))]),
  ),
  roundRatiosVsNginxStatic: Object.fromEntries(
    (['node', 'nodeUncached', 'nginxAccel'] as const).map((name) => [name, roundRatios(name)]),
  ),
  // Serving processes' CPU (user + system) per request, µs; lower is better.
  medianCpuMicrosPerRequest: Object.fromEntries(
    Object.keys(targets).map((name) => [name, cpu(name as Target)]),
  ),
  cpuMicrosPerRequest,
}

report({
  name: 'segment delivery, pure Node, hot-file cache (median)',
  unit: 'req/s',
  better: 'higher',
  ours: rps('node'),
  reference: rps('nginxStatic'),
  referenceName: 'nginx static location, same files',
  target: '≥ 0.30×',
  notes,
})
report({
  name: 'segment delivery, pure Node, cache off (median)',
  unit: 'req/s',
  better: 'higher',
  ours: rps('nodeUncached'),
  reference: rps('nginxStatic'),
  referenceName: 'nginx static location, same files',
  target: '≥ 0.30×',
  notes,
})
report({
  name: 'segment delivery, nginx + cached server decision (median)',
  unit: 'req/s',
  better: 'higher',
  ours: rps('nginxAccel'),
  reference: rps('nginxStatic'),
  referenceName: 'nginx static location, same files',
  target: '≈ 1×',
  notes,
})
report({
  name: 'segment delivery, nginx + cached server decision: serving CPU per request (median)',
  unit: 'µs/req',
  better: 'lower',
  ours: cpu('nginxAccel'),
  reference: cpu('nginxStatic'),
  referenceName: 'nginx static location, same files (nginx workers only)',
  target: '≈ 1×',
  notes,
})
