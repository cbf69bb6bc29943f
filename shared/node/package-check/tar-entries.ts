// Streams the entries of an uploaded tar and enforces the container rules of REEL-PACKAGE.md that
// can be judged from a header alone (type, path, duplicates, entry count, total size) *before* any
// byte of the entry is read, so a tar bomb costs us one header per entry up to the limit, never more.
// tar-stream does the parsing; the traps it leaves to us are noted where we handle them.
import type { Readable } from 'node:stream'
import tar from 'tar-stream'
import { isSafePackagePath } from '../../reel/package-paths'
import { PackageRejection, reject } from './reasons'

export interface TarLimits {
  maxEntries: number
  maxTotalBytes: number
}

export interface TarEntry {
  /** The path as written in the tar (a directory's without its trailing `/`). */
  path: string
  type: 'file' | 'directory'
  size: number
  /** 0-based position in the tar. */
  index: number
  body: AsyncIterable<Buffer>
}

// Headers, pax records and padding around the files: a well-formed package of N entries needs a
// few hundred bytes each. Capping the raw stream too means pax headers (which tar-stream buffers
// up to 4 MB each and which are not entries) cannot be used to make us parse without end.
const RAW_OVERHEAD_PER_ENTRY = 8 * 1024
const RAW_OVERHEAD = 64 * 1024

/**
 * Yields the tar's entries in order; the consumer must read each `body` to its end (or stop the
 * iteration) before asking for the next. The input stream is consumed, and destroyed when the
 * iteration stops early. Throws PackageRejection for anything the contract refuses.
 */
export async function* readTarEntries(input: Readable, limits: TarLimits): AsyncGenerator<TarEntry> {
  const extract = tar.extract()
  const rawLimit = limits.maxTotalBytes + (limits.maxEntries + 1) * RAW_OVERHEAD_PER_ENTRY + RAW_OVERHEAD
  let rawBytes = 0
  let entries = 0
  let totalBytes = 0
  const seen = new Set<string>()

  const pump = (async () => {
    try {
      for await (const chunk of input as AsyncIterable<Buffer | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        rawBytes += bytes.length
        if (rawBytes > rawLimit) reject('package_too_large', `The package is larger than ${rawLimit} bytes.`)
        if (extract.destroying) return
        if (!extract.write(bytes)) await drained(extract)
      }
      extract.end(undefined) // streamx's end(data) takes an optional last chunk
    } catch (error) {
      extract.destroy(error as Error)
    }
  })()

  try {
    for await (const entry of extract) {
      const header = entry.header
      entries++
      if (entries > limits.maxEntries) {
        reject('too_many_entries', `The package has more than ${limits.maxEntries} entries.`)
      }
      const path = header.type === 'directory' ? header.name.replace(/\/$/, '') : header.name
      if (!isSafePackagePath(path)) {
        reject('unsafe_path', `The path ${JSON.stringify(header.name.slice(0, 200))} is not allowed.`, path)
      }
      // tar-stream maps unknown type flags (GNU sparse 'S', volume labels…) to null, and GNU sparse
      // files in pax form look like regular files whose data is a sparse map: refuse both.
      const pax = (header as { pax?: Record<string, string> | null }).pax ?? {}
      const sparse = Object.keys(pax).some((key) => key.startsWith('GNU.sparse'))
      if ((header.type !== 'file' && header.type !== 'directory') || sparse) {
        reject(
          'forbidden_entry_type',
          `"${path}" is a ${sparse ? 'sparse file' : (header.type ?? 'unknown entry')}.`,
          path,
        )
      }
      // Compared case-insensitively: published on a case-insensitive disk, `A.m4s` would overwrite `a.m4s`.
      const key = path.toLowerCase()
      if (seen.has(key)) reject('duplicate_path', `"${path}" appears twice in the package.`, path)
      seen.add(key)
      const size = header.type === 'file' ? (header.size ?? 0) : 0
      totalBytes += size
      if (!Number.isSafeInteger(size) || totalBytes > limits.maxTotalBytes) {
        reject('package_too_large', `The files add up to more than ${limits.maxTotalBytes} bytes.`, path)
      }
      yield { path, type: header.type, size, index: entries - 1, body: guarded(entry, entries) }
      // A consumer that skipped the body (a directory, say) must not stall the tar.
      for await (const _ of entry);
    }
  } catch (error) {
    throw classifyTarError(error, entries)
  } finally {
    extract.destroy()
    input.destroy()
    await pump
  }
  if (entries === 0 && rawBytes === 0) reject('not_a_tar', 'The package is empty.')
}

// An entry's body fails with the tar's own error when the tar is cut short inside it.
async function* guarded(body: AsyncIterable<unknown>, entries: number): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer
  } catch (error) {
    throw classifyTarError(error, entries)
  }
}

// Resolves on 'drain', or on 'close' once the consumer gave up (a destroyed stream never drains).
function drained(stream: { destroying: boolean } & NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroying) return resolve()
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}

// tar-stream reports format problems only as Error messages; these are the ones it throws.
function classifyTarError(error: unknown, entries: number): unknown {
  if (error instanceof PackageRejection || !(error instanceof Error)) return error
  if (/Unexpected end of data/.test(error.message)) {
    return entries === 0
      ? new PackageRejection('not_a_tar', 'The package is not a tar file (it ends before the first header).')
      : new PackageRejection('tar_truncated')
  }
  if (/Invalid tar header|unknown format|Header exceeds max size|Invalid header/.test(error.message)) {
    return new PackageRejection('not_a_tar', `The package is not a valid tar file: ${error.message}`)
  }
  return error
}
