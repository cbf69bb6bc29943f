// HLS segment delivery: a real reel (ffmpeg-made package, uploaded with tus, published by the
// worker) served to wrk (a Lua script rotating over all of the reel's segment URLs) by
//   (a) our server alone, pure Node, as configured by default: the reel's few segments are all in
//       its hot-file cache after the first requests (media-cache.ts), so this is the hot-reel case;
//   (a') the same with SPOOL_MEDIA_CACHE_BYTES=0: every request reads its file (the cold case);
//   (b) nginx serving the same files straight from disk: a plain static location with
//       open_file_cache (the reference), and the same without it (for the notes: what the file
//       cache is worth, since the shipped site leaves it off so that a removal is immediate);
//   (c) nginx with the shipped site (server/deploy/nginx.conf, rendered) in front of our server:
//       files of published reels straight from the published tree, misses to the server.
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

// Another server process on the same data directory, without the cache (it only reads: the reel
// is published, nothing is left for a worker or recovery to do).
const uncached = await startTestServer({ SPOOL_MEDIA_CACHE_BYTES: '0' }, node.dataDir)
const [staticPort, staticNoCachePort, sitePort] = [await freePort(), await freePort(), await freePort()]
const staticServer = (port: number, fileCache: string) => `server {
    listen 127.0.0.1:${port};
    ${fileCache}
    location /media/ {
      alias ${node.dataDir}/media/;
      sendfile on;
      tcp_nopush on;
    }
  }`
const nginx = await startNginx(
  `${staticServer(staticPort, 'open_file_cache max=10000 inactive=60s; open_file_cache_valid 10s;')}
  ${staticServer(staticNoCachePort, '')}
  ${renderNginxSite({ listen: `127.0.0.1:${sitePort}`, upstream: new URL(node.url).host, dataDir: node.dataDir })}`,
  sitePort,
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
  nginxStaticNoFileCache: `http://127.0.0.1:${staticNoCachePort}`,
  nginxSite: `http://127.0.0.1:${sitePort}`,
}
type Target = keyof typeof targets
// The processes that do the serving for each target, whose CPU time is counted.
const servingPids: Record<Target, number[]> = {
  node: [node.process.child.pid!],
  nodeUncached: [uncached.process.child.pid!],
  nginxStatic: nginxWorkers,
  nginxStaticNoFileCache: nginxWorkers,
  // The server too, though a hit never reaches it: it would show if requests leaked to it.
  nginxSite: [...nginxWorkers, node.process.child.pid!],
}
const perTarget = <T>(make: () => T) =>
  Object.fromEntries(Object.keys(targets).map((name) => [name, make()])) as Record<Target, T>
const runs = perTarget<WrkResult[]>(() => [])
const cpuMicrosPerRequest = perTarget<number[]>(() => [])
// The shipped site's nginx workers alone: the server behind it should get no request at all.
const siteNginxCpuMicrosPerRequest: number[] = []
const totalCpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0)

try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(targets) as [Target, string][]) {
      const cpuBefore = totalCpuMs(servingPids[name])
      const nginxCpuBefore = totalCpuMs(nginxWorkers)
      const result = await runWrk(url, script, WRK)
      const cpuUsed = totalCpuMs(servingPids[name]) - cpuBefore
      if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors in a wrk run`)
      runs[name].push(result)
      const requests = result.requestsPerSecond * WRK.seconds
      const micros = (ms: number) => Math.round(((ms * 1000) / requests) * 10) / 10
      cpuMicrosPerRequest[name].push(micros(cpuUsed))
      if (name === 'nginxSite')
        siteNginxCpuMicrosPerRequest.push(micros(totalCpuMs(nginxWorkers) - nginxCpuBefore))
    }
  }
} finally {
  await nginx.stop()
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
    (['node', 'nodeUncached', 'nginxStaticNoFileCache', 'nginxSite'] as const).map((name) => [
      name,
      roundRatios(name),
    ]),
  ),
  // Serving processes' CPU (user + system) per request, µs; lower is better.
  medianCpuMicrosPerRequest: Object.fromEntries(
    Object.keys(targets).map((name) => [name, cpu(name as Target)]),
  ),
  medianSiteNginxWorkersCpuMicrosPerRequest: median(siteNginxCpuMicrosPerRequest),
  siteNginxCpuMicrosPerRequest,
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
  name: 'segment delivery, shipped nginx site (median)',
  unit: 'req/s',
  better: 'higher',
  ours: rps('nginxSite'),
  reference: rps('nginxStatic'),
  referenceName: 'nginx static location, same files',
  target: '≈ 1×',
  notes,
})
report({
  name: 'segment delivery, shipped nginx site: serving CPU per request (median)',
  unit: 'µs/req',
  better: 'lower',
  ours: cpu('nginxSite'),
  reference: cpu('nginxStatic'),
  referenceName: 'nginx static location, same files (nginx workers only)',
  target: '≈ 1×',
  notes,
})
