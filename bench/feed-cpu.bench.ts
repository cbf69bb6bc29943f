// CPU time of one GET /api/feed first page, without HTTP: the ranked feed called in this process
// over the feed-latency data set (100k reels, 10k viewers), signed-in viewers picked at random,
// with a breakdown of the signed-in request into its phases (profile, personal candidates, their
// features). The reference, interleaved request by request: the anonymous first page (trending +
// fresh, no personal sources). CPU is process.cpuUsage() around each call, so other processes on
// the shared machine disturb it far less than wall-clock latency; medians are reported.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../server/src/db'
import { createFeedSources } from '../server/src/feed/feed-sources'
import { createRankedFeed } from '../server/src/feed/ranked-feed'
import { createTrending } from '../server/src/feed/trending'
import { feedCatalogue, userId, USERS } from './support/feed-catalogue'
import { report } from './run'

const REQUESTS = Number(process.env.SPOOL_BENCH_REQUESTS ?? 400)

const { dataDir, temporary } = feedCatalogue()
const { db, close } = openDatabase({ kind: 'sqlite', file: join(dataDir, 'spool.db') })
const trending = createTrending(db)
const feed = createRankedFeed(db, trending)
const sources = createFeedSources(db)

function cpuMsOf(work: () => unknown): number {
  const before = process.cpuUsage()
  work()
  const spent = process.cpuUsage(before)
  return (spent.user + spent.system) / 1000
}

let state = 11
const nextViewer = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return userId(state % USERS)
}

// Warm-up: statement caches, the trending features, the page cache.
for (let i = 0; i < 50; i++) feed(nextViewer(), { limit: 10 })

const samples = { signedIn: [] as number[], anonymous: [] as number[] }
const phases = { profile: [] as number[], personal: [] as number[], features: [] as number[] }
for (let i = 0; i < REQUESTS; i++) {
  const viewer = nextViewer()
  samples.signedIn.push(cpuMsOf(() => feed(viewer, { limit: 10 })))
  samples.anonymous.push(cpuMsOf(() => feed(null, { limit: 10 })))
  let profile!: ReturnType<typeof sources.profile>
  let personal: string[] = []
  phases.profile.push(cpuMsOf(() => (profile = sources.profile(viewer, []))))
  phases.personal.push(cpuMsOf(() => (personal = sources.personalCandidates(profile))))
  phases.features.push(cpuMsOf(() => sources.load(personal)))
}
close()
if (temporary) rmSync(dataDir, { recursive: true, force: true })

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * q)]!
const round = (n: number) => Math.round(n * 100) / 100
const notes = {
  requests: REQUESTS,
  ...Object.fromEntries(
    [...Object.entries(samples), ...Object.entries(phases)].map(([name, values]) => [
      name,
      { p50: round(quantile(values, 0.5)), p90: round(quantile(values, 0.9)) },
    ]),
  ),
}
console.log(JSON.stringify(notes, null, 2))
report({
  name: 'GET /api/feed CPU per signed-in first page (median)',
  unit: 'ms',
  better: 'lower',
  ours: quantile(samples.signedIn, 0.5),
  reference: quantile(samples.anonymous, 0.5),
  referenceName: 'anonymous first page (trending + fresh), interleaved',
  notes,
})
