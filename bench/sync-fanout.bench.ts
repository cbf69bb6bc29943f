// Live sync fan-out: one like (REST) reaching 500 subscribed y-websocket clients of reel:<id>,
// measured from just before the PUT to the moment each client's Y.Doc shows the new count.
// Reference, same run, same client process: a bare node:http + ws server (its own process, like
// ours) that broadcasts a tiny JSON message to 500 raw ws clients on POST — the floor, with no
// auth, database, Yjs or persistence. Rounds are interleaved (ours, reference, ours, …) and the
// latencies of all deliveries pooled into p50/p99.
// Then memory: 5,000 draft documents opened (each with a small draft in it) with their
// connections held, the server's heap and RSS after a forced GC, and again after every
// connection closed and the idle documents were unloaded.
import { ulid } from 'ulid'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { draftDocName, reelDocName } from '../shared/api/live-docs'
import { serverNodeFlags } from '../server/node-flags'
import { encodeSyncUpdate } from '../server/src/sync/sync-messages'
import { openLiveDoc, syncBase, type LiveClient } from '../test/support/live-sync'
import { ensureMedia } from '../test/support/media'
import { startProcess } from '../test/support/process'
import { makeReelPackage } from '../test/support/reel-package'
import { api, register, startTestServer } from '../test/support/server'
import { tusUpload, waitForReel } from '../test/support/tus-upload'
import { report } from './run'

// Each y-websocket provider adds a process 'exit' listener; 500 of them are expected here.
process.setMaxListeners(0)

const CLIENTS = Number(process.env.SPOOL_BENCH_SYNC_CLIENTS ?? 500)
const BLOCKS = Number(process.env.SPOOL_BENCH_ROUNDS ?? 4)
const LIKES_PER_BLOCK = 8
const OPEN_DOCS = Number(process.env.SPOOL_BENCH_SYNC_DOCS ?? 5000)
const UNLOAD_MS = 3000

const log = (line: string) => console.error(`  [sync-fanout] ${line}`)
log('making the reel package')
const pkg = await makeReelPackage(await ensureMedia('portrait-noaudio-3s'), {
  caption: 'bench',
  renditions: ['360p'],
})
log('starting the servers')
const server = await startTestServer(
  {
    SPOOL_TEST_ROUTES: '1',
    SPOOL_SYNC_UNLOAD_MS: String(UNLOAD_MS),
    SPOOL_WRITE_LIMIT_PER_USER: '100000',
    SPOOL_WRITE_LIMIT_PER_ADDRESS: '100000',
  },
  undefined,
  [...serverNodeFlags, '--expose-gc'],
)
const bare = await startProcess('bench/support/bare-broadcast-server.ts', {
  readyPattern: /listening on (http:\/\/\S+)/,
})

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}

/** Waits until `count` deliveries were recorded into `latencies` since `start`. */
async function deliveries(pending: () => number, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (pending() > 0) {
    if (Date.now() > deadline) throw new Error(`${what}: ${pending()} clients never got the update`)
    await sleep(1)
  }
}

try {
  const token = await register(server.url, 'bench')
  const uploaded = await tusUpload(server.url, readFileSync(pkg.tarPath), {
    token,
    metadata: { reelId: pkg.manifest.reelId, filename: 'reel.tar' },
  })
  if (!uploaded.ok) throw new Error(`upload failed: ${uploaded.status} ${uploaded.body}`)
  const reelId = pkg.manifest.reelId
  if ((await waitForReel(server.url, reelId, token)).body.status !== 'published')
    throw new Error('not published')

  log(`published ${reelId}; connecting ${CLIENTS} + ${CLIENTS} clients`)
  // Our subscribers: real y-websocket providers.
  const ours: LiveClient[] = []
  for (let i = 0; i < CLIENTS; i++) ours.push(openLiveDoc(server.url, reelDocName(reelId)))
  await Promise.all(ours.map((c) => c.synced))
  // The reference's subscribers: raw ws clients parsing JSON.
  const raw: WebSocket[] = []
  for (let i = 0; i < CLIENTS; i++) raw.push(new WebSocket(bare.ready.replace('http', 'ws')))
  await Promise.all(raw.map((ws) => new Promise((resolve) => ws.once('open', resolve))))

  const latency = { ours: [] as number[], reference: [] as number[] }
  const lastClientMs = { ours: [] as number[], reference: [] as number[] }
  // The first client's delivery is mostly the server's part; the rest is clients in this one
  // process taking their turn (500 Yjs decodes here vs 500 JSON.parse for the reference).
  const firstClientMs = { ours: [] as number[], reference: [] as number[] }
  let liked = false
  let bareLikes = 0

  async function ourRound(): Promise<void> {
    liked = !liked
    const want = liked ? 1 : 0
    let pending = CLIENTS
    const seen: number[] = []
    const t0 = performance.now()
    const listeners = ours.map((client) => {
      const counts = client.doc.getMap('counts')
      let waiting = true
      const listener = () => {
        if (!waiting || counts.get('likes') !== want) return
        waiting = false
        seen.push(performance.now() - t0)
        pending--
      }
      counts.observe(listener)
      return () => counts.unobserve(listener)
    })
    const answer = await api(server.url, liked ? 'PUT' : 'DELETE', `/api/reels/${reelId}/like`, { token })
    if (answer.status !== 200) throw new Error(`like: ${answer.status}`)
    await deliveries(() => pending, 'ours')
    listeners.forEach((off) => off())
    latency.ours.push(...seen)
    lastClientMs.ours.push(Math.max(...seen))
    firstClientMs.ours.push(Math.min(...seen))
  }

  async function referenceRound(): Promise<void> {
    const want = ++bareLikes
    let pending = CLIENTS
    const seen: number[] = []
    const t0 = performance.now()
    const listeners = raw.map((ws) => {
      const listener = (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { likes: number }).likes !== want) return
        ws.off('message', listener)
        seen.push(performance.now() - t0)
        pending--
      }
      ws.on('message', listener)
      return () => ws.off('message', listener)
    })
    const answer = await fetch(`${bare.ready}/like`, { method: 'POST' })
    await answer.text()
    await deliveries(() => pending, 'reference')
    listeners.forEach((off) => off())
    latency.reference.push(...seen)
    lastClientMs.reference.push(Math.max(...seen))
    firstClientMs.reference.push(Math.min(...seen))
  }

  log('measuring')
  // Warm-up (JIT, first document write), then interleaved blocks. The pause between likes is
  // longer than the server's 250 ms write interval, so every like is a lone write, not a burst.
  await ourRound()
  await referenceRound()
  for (let block = 0; block < BLOCKS; block++) {
    for (const round of [ourRound, referenceRound]) {
      for (let i = 0; i < LIKES_PER_BLOCK; i++) {
        await round()
        await sleep(300)
      }
    }
  }
  for (const c of ours) c.destroy()
  for (const ws of raw) ws.terminate()

  log(`opening ${OPEN_DOCS} documents`)
  // Memory with many open documents.
  // A retry: undici may reuse a kept-alive socket the server is just closing (as in server-sync.test.ts).
  const statsOnce = () => api(server.url, 'GET', '/api/test/sync-stats?gc=1')
  const stats = async () =>
    (
      await statsOnce().catch((error: unknown) => {
        log(`sync-stats failed once (${String(error)}), retrying`)
        return statsOnce()
      })
    ).body as {
      loadedDocs: number
      connections: number
      memory: NodeJS.MemoryUsage
    }
  while ((await stats()).loadedDocs > 0) await sleep(200)
  const baseline = await stats()
  const draft = new Y.Doc()
  draft
    .getText('caption')
    .insert(0, 'A caption of about a hundred characters, #bench #sync, typed in the studio.')
  for (const [key, value] of Object.entries({
    trimIn: 0,
    trimOut: 2900,
    fit: 'fill',
    cropX: 0.5,
    coverMs: 1200,
  })) {
    draft.getMap('edit').set(key, value)
  }
  const draftMessage = encodeSyncUpdate(Y.encodeStateAsUpdate(draft))
  const sockets: WebSocket[] = []
  for (let i = 0; i < OPEN_DOCS; i += 250) {
    const batch = Array.from({ length: Math.min(250, OPEN_DOCS - i) }, async () => {
      const ws = new WebSocket(`${syncBase(server.url)}/${draftDocName('bench', ulid())}?token=${token}`)
      sockets.push(ws)
      // The server's first message (its sync step 1) means the document is loaded.
      await new Promise((resolve) => ws.once('message', resolve))
      ws.send(draftMessage)
    })
    await Promise.all(batch)
  }
  let open = await stats()
  while (open.loadedDocs < OPEN_DOCS || open.connections < OPEN_DOCS) {
    await sleep(200)
    open = await stats()
  }
  await sleep(500) // the last drafts' updates are applied
  open = await stats()
  log('closing them')
  for (const ws of sockets) ws.close()
  let unloaded = await stats()
  while (unloaded.loadedDocs > 0) {
    await sleep(500)
    unloaded = await stats()
  }

  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  const summary = (values: number[]) => ({
    p50: +percentile(values, 50).toFixed(2),
    p99: +percentile(values, 99).toFixed(2),
    max: +Math.max(...values).toFixed(2),
  })
  const skipWarmUp = (values: number[]) => values.slice(CLIENTS)
  const notes = {
    clients: CLIENTS,
    likesMeasured: BLOCKS * LIKES_PER_BLOCK,
    ours: summary(skipWarmUp(latency.ours)),
    reference: summary(skipWarmUp(latency.reference)),
    lastClientPerLikeMs: {
      ours: lastClientMs.ours.slice(1).map((v) => Math.round(v)),
      reference: lastClientMs.reference.slice(1).map((v) => Math.round(v)),
    },
    medianFirstClientMs: {
      ours: +median(firstClientMs.ours.slice(1)).toFixed(1),
      reference: +median(firstClientMs.reference.slice(1)).toFixed(1),
    },
    medianLastClientMs: {
      ours: +median(lastClientMs.ours.slice(1)).toFixed(1),
      reference: +median(lastClientMs.reference.slice(1)).toFixed(1),
    },
  }
  report({
    name: `sync fan-out: one like to ${CLIENTS} y-websocket clients, p50 delivery`,
    unit: 'ms',
    better: 'lower',
    ours: notes.ours.p50,
    reference: notes.reference.p50,
    referenceName: 'bare ws broadcast of a JSON message',
    notes,
  })
  report({
    name: `sync fan-out: one like to ${CLIENTS} y-websocket clients, p99 delivery`,
    unit: 'ms',
    better: 'lower',
    ours: notes.ours.p99,
    reference: notes.reference.p99,
    referenceName: 'bare ws broadcast of a JSON message',
    notes,
  })
  const memoryNotes = {
    docs: OPEN_DOCS,
    heapMB: {
      baseline: mb(baseline.memory.heapUsed),
      open: mb(open.memory.heapUsed),
      unloaded: mb(unloaded.memory.heapUsed),
    },
    rssMB: {
      baseline: mb(baseline.memory.rss),
      open: mb(open.memory.rss),
      unloaded: mb(unloaded.memory.rss),
    },
    heapPerOpenDocKB: +((open.memory.heapUsed - baseline.memory.heapUsed) / OPEN_DOCS / 1024).toFixed(1),
  }
  report({
    name: `server heap with ${OPEN_DOCS} open draft documents and connections`,
    unit: 'MB',
    better: 'lower',
    ours: mb(open.memory.heapUsed),
    reference: mb(baseline.memory.heapUsed),
    referenceName: 'same server before they opened',
    notes: memoryNotes,
  })
  report({
    name: `server heap after those ${OPEN_DOCS} documents went idle and were unloaded`,
    unit: 'MB',
    better: 'lower',
    ours: mb(unloaded.memory.heapUsed),
    reference: mb(baseline.memory.heapUsed),
    referenceName: 'same server before they opened',
    target: '≈ 1× (freed)',
    notes: memoryNotes,
  })
} finally {
  await bare.stop()
  await server.stop()
}
// Everything is reported and both servers are stopped; what can still hold the event loop open
// (a socket of the 5,000 still closing, a client's reconnect timer) must not keep bench/run.ts
// waiting for this process.
process.exit(0)
