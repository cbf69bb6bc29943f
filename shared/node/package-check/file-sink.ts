// Where each entry's bytes go as they stream past: a sha256, a byte count, the last two bytes (a
// JPEG must end with EOI) and, when extracting, a new file. Files are created with O_EXCL ('wx') so
// nothing already on disk is ever overwritten or followed through a symlink.
import { createHash, type Hash } from 'node:crypto'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export class FileSink {
  readonly #hash: Hash = createHash('sha256')
  readonly #file: FileHandle | null
  #bytes = 0
  #tail = Buffer.alloc(0)

  private constructor(file: FileHandle | null) {
    this.#file = file
  }

  /** `path` must already be a checked package path: it is joined under `extractTo` as is. */
  static async open(path: string, extractTo: string | undefined): Promise<FileSink> {
    if (extractTo === undefined) return new FileSink(null)
    const target = join(extractTo, ...path.split('/'))
    await mkdir(dirname(target), { recursive: true })
    return new FileSink(await open(target, 'wx', 0o644))
  }

  get bytes(): number {
    return this.#bytes
  }

  /** The last (up to) two bytes written. */
  get tail(): Buffer {
    return this.#tail
  }

  async write(chunk: Buffer): Promise<void> {
    this.#hash.update(chunk)
    this.#bytes += chunk.length
    this.#tail = Buffer.concat([this.#tail, chunk.subarray(-2)]).subarray(-2)
    if (this.#file) await this.#file.write(chunk)
  }

  /** Closes the file (if any) and returns the hex sha256 of everything written. */
  async close(): Promise<string> {
    await this.#file?.close()
    return this.#hash.digest('hex')
  }

  /** Closes the file after a failure; the caller removes the whole extraction directory. */
  async abandon(): Promise<void> {
    await this.#file?.close().catch(() => {})
  }
}

/** Passes `source` through unchanged, feeding every chunk to `sink` first. */
export async function* tap(source: AsyncIterable<Buffer>, sink: FileSink): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    await sink.write(chunk)
    yield chunk
  }
}
