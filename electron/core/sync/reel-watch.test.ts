// The bookkeeping of opened reels, without a server (signed in, but the session's token cannot be
// read, so no link is made): per-window counting, opens and closes in turn, the cap, the offline
// numbers from the Dashboard row, and following a removal and a restore from the Dashboard.
import { describe, expect, it } from 'vitest'
import type { Dashboard, DashboardReel, ReelDetail } from '../../../shared/rpc/contract'
import { createCoreEvents } from '../core-events'
import { createReelWatch, MAX_OPEN_REELS } from './reel-watch'

const ids = [
  '01JD0000000000000000000001',
  '01JD0000000000000000000002',
  '01JD0000000000000000000003',
  '01JD0000000000000000000004',
]

const row = (reelId: string, extra: Partial<DashboardReel> = {}): DashboardReel => ({
  reelId,
  caption: `Reel ${reelId.slice(-1)}`,
  publishedAt: '2026-11-20T10:00:00.000Z',
  views: 40,
  likes: 7,
  comments: 3,
  shares: 1,
  local: null,
  liked: false,
  likeWaiting: false,
  ...extra,
})

function setUp() {
  const dashboard: Dashboard = {
    sync: {
      state: 'offline',
      serverUrl: 'http://127.0.0.1:1',
      username: 'maya',
      syncedAt: '2026-11-23T09:00:00.000Z',
    },
    totals: null,
    reels: ids.map((id) => row(id)),
    notifications: [],
    outbox: [],
  }
  const events = createCoreEvents()
  const told: ReelDetail[] = []
  events.subscribe((name, payload) => name === 'dashboard.reel' && told.push(payload as ReelDetail))
  const watch = createReelWatch({
    account: { session: async () => null, onSessionChange: () => () => undefined },
    dashboard: { snapshot: async () => dashboard },
    outbox: { waitingCommentDeletes: () => new Set() },
    events,
  })
  const change = (next: Partial<Dashboard>) =>
    events.emit('dashboard.changed', Object.assign(dashboard, next))
  return { watch, told, change }
}

describe('reel watch', () => {
  it('shows the Dashboard row’s last known numbers until the reel document arrives', async () => {
    const { watch } = setUp()
    const detail = await watch.open(ids[0]!)
    expect(detail).toMatchObject({
      state: 'offline',
      counts: { views: 40, likes: 7, comments: 3, shares: 1 },
      countsLive: false,
      comments: [],
      syncedAt: '2026-11-23T09:00:00.000Z',
    })
    expect(detail.reel?.caption).toBe('Reel 1')
    watch.close()
  })

  it('counts windows and takes opens and closes in turn, so a quick open and close leaves nothing', async () => {
    const { watch } = setUp()
    await Promise.all([watch.open(ids[0]!), watch.release(ids[0]!)])
    expect(watch.openReels()).toEqual([])
    await watch.open(ids[1]!)
    await watch.open(ids[1]!)
    expect(await watch.release(ids[1]!)).toBe(false)
    expect(watch.openReels()).toEqual([ids[1]])
    expect(await watch.release(ids[1]!)).toBe(true)
    expect(await watch.release(ids[1]!)).toBe(false)
    expect(watch.openReels()).toEqual([])
    watch.close()
  })

  it(`keeps at most ${MAX_OPEN_REELS} reels, letting the one opened longest ago go`, async () => {
    const { watch } = setUp()
    for (const id of ids.slice(0, 3)) await watch.open(id)
    await watch.open(ids[0]!) // opened again: now the most recent
    await watch.open(ids[3]!)
    expect(watch.openReels()).toEqual([ids[2], ids[0], ids[3]])
    await expect(watch.open('01JD00000000000000000000ZZ')).rejects.toMatchObject({ code: 'not_found' })
    watch.close()
  })

  it('follows a removal and a restore from the Dashboard row', async () => {
    const { watch, told, change } = setUp()
    await watch.open(ids[0]!)
    change({ reels: [row(ids[0]!, { removedAt: '2026-11-23T10:00:00.000Z' })] })
    expect(told.at(-1)).toMatchObject({ reelId: ids[0], state: 'removed' })
    change({ reels: [row(ids[0]!)] })
    await expect.poll(() => told.at(-1)?.state).toBe('offline')
    watch.close()
  })
})
