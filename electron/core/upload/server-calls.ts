// The few plain REST calls the upload queue makes besides tus: is the server up (/healthz), what
// chunk size does it want (/api/limits), and what became of an uploaded reel (/api/reels/:id).
export async function serverIsUp(serverUrl: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const response = await fetch(new URL('/healthz', serverUrl), { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

export async function serverChunkBytes(serverUrl: string): Promise<number | null> {
  try {
    const response = await fetch(new URL('/api/limits', serverUrl), { signal: AbortSignal.timeout(5000) })
    const body = (await response.json()) as { chunkBytes?: unknown }
    return typeof body.chunkBytes === 'number' && body.chunkBytes > 0 ? body.chunkBytes : null
  } catch {
    return null
  }
}

export type ReelVerdict =
  | { kind: 'processing' }
  | { kind: 'published' }
  | { kind: 'rejected'; code: string; message: string | null }
  | { kind: 'unauthorized' }
  | { kind: 'unreachable' }

export async function fetchReelVerdict(
  serverUrl: string,
  reelId: string,
  token: string,
): Promise<ReelVerdict> {
  let response: Response
  try {
    response = await fetch(new URL(`/api/reels/${reelId}`, serverUrl), {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (response.status === 401) return { kind: 'unauthorized' }
  // 404 right after the upload: the ingest job has not created the reel row yet.
  if (!response.ok) return { kind: 'processing' }
  const body = (await response.json().catch(() => ({}))) as {
    status?: string
    reason?: string
    message?: string
  }
  if (body.status === 'published') return { kind: 'published' }
  if (body.status === 'rejected' || body.status === 'removed') {
    return { kind: 'rejected', code: body.reason ?? body.status, message: body.message ?? null }
  }
  return { kind: 'processing' }
}
