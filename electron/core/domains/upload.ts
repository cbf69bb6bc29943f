// upload.* — the Uploads screen: the queue, and pause / resume / cancel / retry per reel and for all.
import type { HandlerMap } from '../rpc/dispatcher'
import type { UploadQueue } from '../upload/upload-queue'

export function uploadHandlers(queue: UploadQueue): HandlerMap {
  return {
    'upload.list': () => ({ items: queue.list() }),
    'upload.pause': ({ id }) => queue.pause(id),
    'upload.resume': ({ id }) => queue.resume(id),
    'upload.cancel': ({ id }) => queue.cancel(id),
    'upload.retry': ({ id }) => queue.retry(id),
    'upload.pauseAll': async () => ({ count: await queue.pauseAll() }),
    'upload.resumeAll': () => ({ count: queue.resumeAll() }),
  }
}
