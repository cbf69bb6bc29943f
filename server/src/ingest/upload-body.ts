// The upload body as @tus/server reads it, without a copy of every chunk. @tus/server (through
// srvx) turns node:http's request into a web Request whose body is `Readable.toWeb(req)`, and
// Node's toWeb copies each chunk into a new Uint8Array (Node 20): on a 100 MB upload that copy and
// the garbage it leaves were a large share of the server's CPU (bench/tus-ingest.bench.ts).
// Here the same node:http chunks are handed on as they are, with the same backpressure (the
// request is paused while the web stream is full) and the same end and error signals, so
// @tus/server's abort handling and the store's offsets behave exactly as before.
import type { IncomingMessage } from 'node:http'
import { finished } from 'node:stream'

// Enough to keep a socket read or two queued while the file write is in flight.
const QUEUE_BYTES = 256 * 1024

/** A web stream over `req`'s body that passes node:http's Buffers through unchanged. */
export function uncopiedBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let detach = () => {}
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Buffer) => {
          controller.enqueue(chunk)
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        }
        const onEnd = () => {
          detach()
          controller.close()
        }
        // `finished` also reports a request cut off before its end (the client went away), which
        // must fail the stream so that the upload keeps only the bytes that really arrived.
        const stopWatching = finished(req, (error) => {
          if (!error) return
          detach()
          controller.error(error)
        })
        detach = () => {
          req.off('data', onData)
          req.off('end', onEnd)
          stopWatching()
        }
        req.on('data', onData)
        req.once('end', onEnd)
      },
      pull() {
        req.resume()
      },
      cancel() {
        // Nobody reads any more: drop the rest of the body so that an answer can still be sent.
        detach()
        req.resume()
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
  )
}

/**
 * Gives a request from @tus/server's node:http adapter the uncopied body. Must run before anything
 * reads `request.body`; does nothing otherwise. Like the adapter's own, the stream is made on first
 * access, so a request refused before its body is read leaves the body to node:http to discard.
 */
export function useUncopiedBody(request: Request): void {
  const node = (request as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req
  // Already being read (or not node:http): leave the adapter's own stream alone.
  if (!node || node.readableFlowing !== null || node.listenerCount('data') > 0) return
  if (request.method === 'GET' || request.method === 'HEAD') return
  let body: ReadableStream<Uint8Array> | undefined
  Object.defineProperty(request, 'body', {
    get: () => (body ??= uncopiedBodyStream(node)),
    configurable: true,
  })
}
