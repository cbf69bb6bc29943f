// Pull-style reading of a byte stream: "give me the next n bytes", "skip n bytes". The format
// parsers (MP4 boxes, JPEG markers) are written against it so they read a file while it streams
// past, holding only what they asked for; callers bound every `read` size.
const EMPTY = Buffer.alloc(0)

export class ByteReader {
  readonly #source: AsyncIterator<Buffer>
  #pending: Buffer = EMPTY
  #position = 0
  #ended = false

  constructor(source: AsyncIterable<Buffer> | Iterable<Buffer>) {
    this.#source = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : fromSync(source)
  }

  /** Bytes consumed so far (read or skipped). */
  get position(): number {
    return this.#position
  }

  /** The next `length` bytes, or fewer if the stream ends first. */
  async read(length: number): Promise<Buffer> {
    const parts: Buffer[] = []
    let missing = length
    while (missing > 0 && (await this.#fill())) {
      const part = this.#take(missing)
      parts.push(part)
      missing -= part.length
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
  }

  /** Skips up to `length` bytes without keeping them; returns how many were skipped. */
  async skip(length: number): Promise<number> {
    let skipped = 0
    while (skipped < length && (await this.#fill())) skipped += this.#take(length - skipped).length
    return skipped
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.#fill())
  }

  /** Consumes the rest of the stream (so taps on it, such as a hash, see every byte). */
  async drain(): Promise<void> {
    while (await this.#fill()) this.#take(this.#pending.length)
  }

  #take(length: number): Buffer {
    const part = this.#pending.subarray(0, length)
    this.#pending = this.#pending.subarray(part.length)
    this.#position += part.length
    return part
  }

  async #fill(): Promise<boolean> {
    while (this.#pending.length === 0 && !this.#ended) {
      const next = await this.#source.next()
      if (next.done) this.#ended = true
      else this.#pending = next.value
    }
    return this.#pending.length > 0
  }
}

async function* fromSync(source: Iterable<Buffer>): AsyncGenerator<Buffer> {
  yield* source
}
