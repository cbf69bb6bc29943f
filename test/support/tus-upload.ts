// Uploads with the real tus-js-client, as an outside client would, and polls the reel's status.
import { Upload, type DetailedError } from 'tus-js-client'
import { api } from './server'

export interface TusOutcome {
  ok: boolean
  url: string | null
  status?: number
  body?: string
  aborted?: boolean
}

export interface TusOptions {
  token?: string
  metadata?: Record<string, string>
  chunkSize?: number
  uploadUrl?: string
  onProgress?: (sent: number, total: number, upload: Upload) => void
  onUrl?: (url: string) => void
  /** Stops (aborts) once this many bytes are sent, and resolves with `aborted: true`. */
  abortAfterBytes?: number
}

/** Uploads `data`; resolves with the outcome instead of throwing, so tests can assert on refusals. */
export function tusUpload(base: string, data: Buffer, options: TusOptions = {}): Promise<TusOutcome> {
  return new Promise((resolve) => {
    let notified = false
    const upload: Upload = new Upload(data, {
      endpoint: `${base}/api/uploads/`,
      ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      metadata: options.metadata ?? {},
      chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
      retryDelays: [],
      storeFingerprintForResuming: false,
      onProgress: (sent, total) => {
        if (!notified && upload.url) {
          notified = true
          options.onUrl?.(upload.url)
        }
        options.onProgress?.(sent, total, upload)
        if (options.abortAfterBytes !== undefined && sent >= options.abortAfterBytes) {
          void upload.abort().then(() => resolve({ ok: false, url: upload.url, aborted: true }))
        }
      },
      onSuccess: () => resolve({ ok: true, url: upload.url }),
      onError: (error) => {
        const response = (error as DetailedError).originalResponse
        resolve({
          ok: false,
          url: upload.url,
          ...(response ? { status: response.getStatus(), body: response.getBody() } : {}),
        })
      },
    })
    upload.start()
  })
}

/** Polls GET /api/reels/:id until it is no longer processing. */
export async function waitForReel(base: string, reelId: string, token: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const response = await api(base, 'GET', `/api/reels/${reelId}`, { token })
    if (response.status === 200 && response.body.status !== 'processing') return response
    if (Date.now() > deadline) throw new Error(`reel ${reelId} still ${JSON.stringify(response.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
