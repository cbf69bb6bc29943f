// The offline engagement queue ("outbox"): every like and comment is written here first, with the
// Idempotency-Key made when the viewer acted, and sent from here. Online, that is at once; offline
// or when the server does not answer, the action waits (persisted, so a reload keeps it) and is
// sent again on reconnect. Sending twice is safe: the server answers a repeated key without a
// second effect. This module is plain logic over an injected storage and sender, so it is tested
// without a browser (outbox.test.ts); outbox-runtime.ts wires it to localStorage and fetch.
import { z } from 'zod'

const common = {
  key: z.string().min(1).max(200),
  username: z.string(),
  reelId: z.string(),
  /** When the viewer acted (ms since epoch). */
  at: z.number(),
}

export const outboxActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('like'), liked: z.boolean(), ...common }),
  z.object({
    kind: z.literal('comment'),
    text: z.string(),
    parentId: z.string().nullable(),
    ...common,
  }),
])
export type OutboxAction = z.infer<typeof outboxActionSchema>

/** What happened to one send. */
export type SendOutcome =
  | { status: 'sent'; result: unknown }
  /** Not now (offline, server unreachable or busy): keep it and try again later. */
  | { status: 'retry' }
  /** The server refused it for good (the reel is gone, the text is too long): drop it, say why. */
  | { status: 'rejected'; message: string }
  /** The session ended: keep it until the same viewer signs in again. */
  | { status: 'signed-out' }

export type OutboxEvent =
  | { type: 'sent'; action: OutboxAction; result: unknown }
  | { type: 'rejected'; action: OutboxAction; message: string }

export interface OutboxStorage {
  read(): string | null
  write(value: string): void
}

/** More waiting than this is not a viewer being offline for a while; refuse rather than grow. */
export const OUTBOX_LIMIT = 200

export interface FlushResult {
  sent: number
  rejected: number
  /** Actions of this viewer still waiting. */
  waiting: number
}

export class Outbox {
  private items: OutboxAction[]
  private readonly inFlight = new Set<string>()
  private readonly listeners = new Set<(event: OutboxEvent | null) => void>()
  private running: Promise<FlushResult> | null = null

  constructor(
    private readonly storage: OutboxStorage,
    private readonly send: (action: OutboxAction) => Promise<SendOutcome>,
  ) {
    this.items = this.load()
  }

  /** Everything waiting, oldest first (a snapshot: a new array after every change). */
  pending(): readonly OutboxAction[] {
    return this.items
  }

  isInFlight(key: string): boolean {
    return this.inFlight.has(key)
  }

  /**
   * Queues an action; false when the outbox is full. A like replaces a waiting like of the same
   * viewer on the same reel (the latest intent is the one that matters) unless that one is
   * already on its way.
   */
  add(action: OutboxAction): boolean {
    let items = this.items
    if (action.kind === 'like') {
      items = items.filter(
        (item) =>
          !(
            item.kind === 'like' &&
            item.reelId === action.reelId &&
            item.username === action.username &&
            !this.inFlight.has(item.key)
          ),
      )
    }
    if (items.length >= OUTBOX_LIMIT) return false
    this.items = [...items, action]
    this.save()
    this.emit(null)
    return true
  }

  /** Listens to changes (null) and to each action's fate; returns the unsubscribe function. */
  subscribe(listener: (event: OutboxEvent | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Re-reads the storage, e.g. after another tab changed it. */
  reload(): void {
    this.items = this.load()
    this.emit(null)
  }

  /**
   * Sends `username`'s actions in the order they were made, one at a time, and stops at the first
   * one that must wait (so a comment never overtakes an earlier one). One flush at a time: a call
   * while one runs gets that one's result.
   */
  flush(username: string): Promise<FlushResult> {
    this.running ??= this.run(username).finally(() => (this.running = null))
    return this.running
  }

  private async run(username: string): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, rejected: 0, waiting: 0 }
    for (;;) {
      const next = this.items.find((item) => item.username === username && !this.inFlight.has(item.key))
      if (!next) break
      this.inFlight.add(next.key)
      let outcome: SendOutcome
      try {
        outcome = await this.send(next)
      } catch {
        outcome = { status: 'retry' }
      } finally {
        this.inFlight.delete(next.key)
      }
      if (outcome.status === 'retry' || outcome.status === 'signed-out') break
      this.remove(next.key)
      if (outcome.status === 'sent') {
        result.sent++
        this.emit({ type: 'sent', action: next, result: outcome.result })
      } else {
        result.rejected++
        this.emit({ type: 'rejected', action: next, message: outcome.message })
      }
    }
    result.waiting = this.items.filter((item) => item.username === username).length
    return result
  }

  private remove(key: string): void {
    this.items = this.items.filter((item) => item.key !== key)
    this.save()
    this.emit(null)
  }

  private emit(event: OutboxEvent | null): void {
    for (const listener of this.listeners) listener(event)
  }

  private load(): OutboxAction[] {
    let raw: unknown
    try {
      raw = JSON.parse(this.storage.read() ?? '[]')
    } catch {
      return []
    }
    if (!Array.isArray(raw)) return []
    // Storage is the page's to write but anyone's to edit: keep only what parses.
    return raw.flatMap((item) => {
      const parsed = outboxActionSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
  }

  private save(): void {
    try {
      this.storage.write(JSON.stringify(this.items))
    } catch {
      // Storage full or off: the actions still wait in memory for this page's lifetime.
    }
  }
}
