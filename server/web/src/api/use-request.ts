// Runs one request for a component and keeps its state; `retry` runs it again.
import { useCallback, useEffect, useState } from 'react'

export type RequestState<T> =
  { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: Error }

const loading = { status: 'loading' } as const

export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): { state: RequestState<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0)
  const requestId = `${attempt}:${key}`
  // The result remembers which request it belongs to, so a new key shows "loading" at once.
  const [result, setResult] = useState<{ requestId: string; state: RequestState<T> } | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    load(controller.signal).then(
      (data) => setResult({ requestId, state: { status: 'done', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        const failure = error instanceof Error ? error : new Error(String(error))
        setResult({ requestId, state: { status: 'failed', error: failure } })
      },
    )
    return () => controller.abort()
    // `load` is a new function on every render; `requestId` says when the request really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestId])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state: result?.requestId === requestId ? result.state : loading, retry }
}
