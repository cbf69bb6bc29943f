// The outbox's rules: order kept, waiting actions survive a "reload" (a new Outbox on the same
// storage), a like replaces a waiting like, a refused action is dropped with its reason, and
// only the signed-in viewer's actions are sent.
import { describe, expect, it } from 'vitest'
import { Outbox, OUTBOX_LIMIT, type OutboxAction, type OutboxEvent, type SendOutcome } from './outbox'

function memoryStorage(initial: string | null = null) {
  let value = initial
  return { read: () => value, write: (next: string) => void (value = next), peek: () => value }
}

const like = (key: string, reelId: string, liked = true, username = 'mia'): OutboxAction => ({
  kind: 'like',
  key,
  username,
  reelId,
  liked,
  at: 1,
})
const comment = (key: string, text: string, username = 'mia'): OutboxAction => ({
  kind: 'comment',
  key,
  username,
  reelId: 'R1',
  text,
  parentId: null,
  at: 1,
})

/** A sender that answers from a script and records what it was asked to send. */
function scriptedSender(answers: Array<SendOutcome | Error>) {
  const sent: string[] = []
  return {
    sent,
    send: async (action: OutboxAction): Promise<SendOutcome> => {
      sent.push(action.key)
      const answer = answers.shift() ?? { status: 'sent', result: null }
      if (answer instanceof Error) throw answer
      return answer
    },
  }
}

describe('outbox', () => {
  it('sends in the order the viewer acted and empties itself', async () => {
    const sender = scriptedSender([])
    const outbox = new Outbox(memoryStorage(), sender.send)
    outbox.add(comment('k1', 'first'))
    outbox.add(like('k2', 'R1'))
    outbox.add(comment('k3', 'second'))
    await expect(outbox.flush('mia')).resolves.toEqual({ sent: 3, rejected: 0, waiting: 0 })
    expect(sender.sent).toEqual(['k1', 'k2', 'k3'])
    expect(outbox.pending()).toEqual([])
  })

  it('keeps everything when offline, survives a reload, and replays with the same keys', async () => {
    const storage = memoryStorage()
    const offline = scriptedSender([{ status: 'retry' }])
    const before = new Outbox(storage, offline.send)
    before.add(like('k1', 'R1'))
    before.add(comment('k2', 'hello'))
    await expect(before.flush('mia')).resolves.toEqual({ sent: 0, rejected: 0, waiting: 2 })
    // It stopped at the first action: a later comment never overtakes an earlier one.
    expect(offline.sent).toEqual(['k1'])

    const online = scriptedSender([])
    const after = new Outbox(storage, online.send)
    expect(after.pending().map((item) => item.key)).toEqual(['k1', 'k2'])
    await after.flush('mia')
    expect(online.sent).toEqual(['k1', 'k2'])
    expect(new Outbox(storage, online.send).pending()).toEqual([])
  })

  it('treats a thrown error like "try later"', async () => {
    const sender = scriptedSender([new TypeError('Failed to fetch')])
    const outbox = new Outbox(memoryStorage(), sender.send)
    outbox.add(like('k1', 'R1'))
    await expect(outbox.flush('mia')).resolves.toMatchObject({ sent: 0, waiting: 1 })
    await expect(outbox.flush('mia')).resolves.toMatchObject({ sent: 1, waiting: 0 })
    expect(sender.sent).toEqual(['k1', 'k1'])
  })

  it('lets the latest like or unlike of a reel replace the one still waiting', () => {
    const outbox = new Outbox(memoryStorage(), scriptedSender([]).send)
    outbox.add(like('k1', 'R1', true))
    outbox.add(like('k2', 'R2', true))
    outbox.add(like('k3', 'R1', false))
    outbox.add(like('k4', 'R1', true, 'leo'))
    expect(outbox.pending().map((item) => item.key)).toEqual(['k2', 'k3', 'k4'])
  })

  it('does not replace a like that is already on its way', async () => {
    let release!: (outcome: SendOutcome) => void
    const outbox = new Outbox(
      memoryStorage(),
      () => new Promise<SendOutcome>((resolve) => (release = resolve)),
    )
    outbox.add(like('k1', 'R1', true))
    const flushing = outbox.flush('mia')
    expect(outbox.isInFlight('k1')).toBe(true)
    outbox.add(like('k2', 'R1', false))
    expect(outbox.pending().map((item) => item.key)).toEqual(['k1', 'k2'])
    release({ status: 'retry' })
    await flushing
  })

  it('drops a refused action and says why, then goes on', async () => {
    const sender = scriptedSender([{ status: 'rejected', message: 'There is no such reel.' }])
    const outbox = new Outbox(memoryStorage(), sender.send)
    const events: OutboxEvent[] = []
    outbox.subscribe((event) => event && events.push(event))
    outbox.add(like('k1', 'GONE'))
    outbox.add(comment('k2', 'hi'))
    await expect(outbox.flush('mia')).resolves.toEqual({ sent: 1, rejected: 1, waiting: 0 })
    expect(events.map((event) => [event.type, event.action.key])).toEqual([
      ['rejected', 'k1'],
      ['sent', 'k2'],
    ])
    expect(events[0]).toMatchObject({ message: 'There is no such reel.' })
  })

  it('sends only the signed-in viewer’s actions and keeps them after a signed-out answer', async () => {
    const sender = scriptedSender([{ status: 'signed-out' }])
    const outbox = new Outbox(memoryStorage(), sender.send)
    outbox.add(like('k1', 'R1', true, 'leo'))
    outbox.add(like('k2', 'R1', true, 'mia'))
    await expect(outbox.flush('mia')).resolves.toEqual({ sent: 0, rejected: 0, waiting: 1 })
    await expect(outbox.flush('mia')).resolves.toEqual({ sent: 1, rejected: 0, waiting: 0 })
    expect(sender.sent).toEqual(['k2', 'k2'])
    expect(outbox.pending().map((item) => item.key)).toEqual(['k1'])
  })

  it('runs one flush at a time', async () => {
    const sender = scriptedSender([])
    const outbox = new Outbox(memoryStorage(), sender.send)
    outbox.add(like('k1', 'R1'))
    const [a, b] = [outbox.flush('mia'), outbox.flush('mia')]
    expect(a).toBe(b)
    await a
    expect(sender.sent).toEqual(['k1'])
  })

  it('ignores storage that is not an outbox, and entries that do not parse', () => {
    expect(new Outbox(memoryStorage('not json'), scriptedSender([]).send).pending()).toEqual([])
    expect(new Outbox(memoryStorage('{"a":1}'), scriptedSender([]).send).pending()).toEqual([])
    const mixed = JSON.stringify([like('k1', 'R1'), { kind: 'like', key: 'k2' }, 'x', comment('k3', 'ok')])
    const outbox = new Outbox(memoryStorage(mixed), scriptedSender([]).send)
    expect(outbox.pending().map((item) => item.key)).toEqual(['k1', 'k3'])
  })

  it('refuses to grow past its limit', () => {
    const outbox = new Outbox(memoryStorage(), scriptedSender([]).send)
    for (let i = 0; i < OUTBOX_LIMIT; i++) expect(outbox.add(comment(`k${i}`, 'x'))).toBe(true)
    expect(outbox.add(comment('one-too-many', 'x'))).toBe(false)
    expect(outbox.pending()).toHaveLength(OUTBOX_LIMIT)
  })
})
