// encode.* — "Encode & queue": start a job for a draft, the renderer's encoder pulling jobs,
// renewing its claim and reporting progress, finishing (package built and checked by the core) or
// failing, and cancel.
import type { EncodeQueue } from '../encode/encode-queue'
import type { HandlerMap } from '../rpc/dispatcher'

export function encodeHandlers(queue: EncodeQueue): HandlerMap {
  return {
    'encode.start': ({ id, options }) => queue.start(id, options),
    'encode.next': () => ({ job: queue.next() }),
    'encode.progress': (progress) => queue.progress(progress),
    'encode.renew': ({ jobId, attempt }) => queue.renew(jobId, attempt),
    'encode.finish': (input) => queue.finish(input),
    'encode.fail': ({ jobId, message }) => queue.fail(jobId, message),
    'encode.cancel': async ({ id }) => ({ cancelled: await queue.cancel(id) }),
    'encode.latest': ({ id }) => ({ job: queue.latest(id) }),
  }
}
