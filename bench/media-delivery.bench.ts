// HLS segment delivery: a real reel (ffmpeg-made package, uploaded with tus, published by the
// worker) served to wrk (a Lua script rotating over all of the reel's segment URLs) by
//   (a) our server alone, pure Node, as configured by default: the reel's few segments are all in
//       its hot-file cache after the first requests (media-cache.ts), so this is the hot-reel case;
//   (a') the same with SPOOL_MEDIA_CACHE_BYTES=0: every request reads its file (the cold case);
//   (b) nginx serving the same files straight from disk (a static location: the reference),
//   (c) nginx in front of our server with SPOOL_MEDIA_ACCEL=nginx (the shipped nginx.conf,
//       rendered): the server decides each request, nginx sends the bytes.
// Interleaved rounds, medians reported. wrk, nginx and the servers share the machine's cores.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderNginxSite } from '../server/deploy/render-nginx-site'
import { ensureMedia } from '../test/support/media'
import { freePort, NGINX_BINARY, startNginx } from '../test/support/nginx'
import { makeReelPackage } from '../test/support/reel-package'
import { register, startTestServer } from '../test/support/server'
import { tusUpload, waitForReel } from '../test/support/tus-upload'
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
  `server {
    listen 127.0.0.1:${staticPort};
    location /media/ {
      alias ${node.dataDir}/media/;
      sendfile on;
      tcp_nopush on;
    }
  }
  ${renderNginxSite({ listen: `127.0.0.1:${accelPort}`, upstream: new URL(accel.url).host, dataDir: node.dataDir })}`,
  accelPort,
)

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
const runs: Record<Target, WrkResult[]> = { node: [], nodeUncached: [], nginxStatic: [], nginxAccel: [] }

try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, url] of Object.entries(targets) as [Target, string][]) {
      const result = await runWrk(url, script, WRK)
      if (result.errors > 0) throw new Error(`${name}: ${result.errors} errors in a wrk run`)
      runs[name].push(result)
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
const notes = {
  rounds: ROUNDS,
  wrk: `-t${WRK.threads} -c${WRK.connections} -d${WRK.seconds}s, rotating over ${segments.length} segments`,
  segmentBytes,
  medianMBps: Object.fromEntries(Object.keys(targets).map((name) => [name, mbps(name as Target)])),
  runsReqPerSec: Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, list.map((r) => Math.round(r.requestsPerSecond))]),
  ),
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
  name: 'segment delivery, nginx + X-Accel-Redirect (median)',
  unit: 'req/s',
  better: 'higher',
  ours: rps('nginxAccel'),
  reference: rps('nginxStatic'),
  referenceName: 'nginx static location, same files',
  target: '≈ 1×',
  notes,
})
