// Minimal upload clients for the tus benchmark, to tell client cost from server cost: a plain PUT
// (whole body in one write, or in small writes the way tus-js-client's Node stack sends a Buffer)
// and a raw tus 1.0 creation + PATCH loop with one write per chunk.
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * Sends one request. `writeSize` splits the body into writes of that size, waiting for 'drain'
 * like tus-js-client does (it writes `writableHighWaterMark` bytes at a time); absent = one write.
 */
export function send(
  url: string,
  method: string,
  headers: OutgoingHttpHeaders,
  body?: Buffer,
  writeSize?: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
    req.on('error', reject)
    if (!body || !writeSize) return void req.end(body)
    let offset = 0
    const next = (): void => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + writeSize)
        offset += piece.length
        if (!req.write(piece)) return void req.once('drain', next)
      }
      req.end()
    }
    next()
  })
}

export async function put(url: string, body: Buffer, writeSize?: number): Promise<void> {
  const answer = await send(url, 'PUT', { 'content-length': body.length }, body, writeSize)
  if (answer.status !== 204) throw new Error(`PUT: ${answer.status} ${answer.body}`)
}

const encode = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',')

/** tus creation, then one PATCH per chunk, each chunk sent in a single write. */
export async function rawTusUpload(
  endpoint: string,
  body: Buffer,
  options: { token?: string; metadata: Record<string, string>; chunkSize: number },
): Promise<void> {
  const auth = options.token ? { authorization: `Bearer ${options.token}` } : {}
  const created = await send(endpoint, 'POST', {
    ...auth,
    'tus-resumable': '1.0.0',
    'upload-length': body.length,
    'upload-metadata': encode(options.metadata),
  })
  if (created.status !== 201 || !created.headers.location)
    throw new Error(`POST: ${created.status} ${created.body}`)
  const url = new URL(created.headers.location, endpoint).href
  for (let offset = 0; offset < body.length; offset += options.chunkSize) {
    const chunk = body.subarray(offset, offset + options.chunkSize)
    const answer = await send(
      url,
      'PATCH',
      {
        ...auth,
        'tus-resumable': '1.0.0',
        'upload-offset': offset,
        'content-type': 'application/offset+octet-stream',
        'content-length': chunk.length,
      },
      chunk,
    )
    if (answer.status !== 204) throw new Error(`PATCH: ${answer.status} ${answer.body}`)
  }
}
