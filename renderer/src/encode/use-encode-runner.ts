// The studio window's encoder: while connected, it takes queued jobs from the core one at a time and
// runs them with ffmpeg.wasm, reporting progress (at most a few times a second) and renewing its
// lease on the job. The core owns the queue: a job this window never finishes (closed, crashed)
// stops being renewed, and the core queues it again for the next runner.
import { useEffect } from 'react'
import { RpcError } from '../../../shared/rpc/envelope'
import { useConnection, useStudio } from '../rpc/studio-context'
import type { MethodResult } from '../../../shared/rpc/contract'
import { EncodeCancelled, runEncode } from './run-encode'

const PROGRESS_EVERY_MS = 250
/** Renewals per lease: several, so a hidden tab's throttled timers (≥ 1 s, or 1/min) still renew in time. */
const RENEWALS_PER_LEASE = 6

type LeasedJob = NonNullable<MethodResult<'encode.next'>['job']>

export function useEncodeRunner(): void {
  const client = useStudio()
  const { state } = useConnection()

  useEffect(() => {
    if (state !== 'connected') return
    let stopped = false
    let busy = false
    let current: { job: LeasedJob; controller: AbortController } | null = null

    async function run(job: LeasedJob) {
      const controller = new AbortController()
      current = { job, controller }
      let lastSent = 0
      const stillWanted = ({ running }: { running: boolean }) => running || controller.abort()
      const renewal = setInterval(() => {
        client.call('encode.renew', { jobId: job.id, attempt: job.attempt }).then(stillWanted, () => {})
      }, job.leaseMs / RENEWALS_PER_LEASE)
      try {
        await runEncode(client, job, {
          signal: controller.signal,
          onProgress: (reading) => {
            const now = Date.now()
            if (now - lastSent < PROGRESS_EVERY_MS && reading.percent < 100) return
            lastSent = now
            client
              .call('encode.progress', { jobId: job.id, attempt: job.attempt, ...reading })
              .then(stillWanted, () => {})
          },
        })
      } catch (error) {
        if (error instanceof EncodeCancelled) return
        // The core already ended the job when its package check refused the result.
        if (error instanceof RpcError && (error.code === 'package_invalid' || error.code === 'cancelled'))
          return
        const message = error instanceof Error ? error.message : String(error)
        await client.call('encode.fail', { jobId: job.id, message: message.slice(0, 2000) }).catch(() => {})
      } finally {
        clearInterval(renewal)
        current = null
      }
    }

    async function pump() {
      if (busy || stopped) return
      busy = true
      try {
        for (;;) {
          const { job } = await client.call('encode.next', {})
          if (!job || stopped) break
          await run(job)
        }
      } catch {
        // Lost the core; the next connection starts a new pump.
      } finally {
        busy = false
      }
    }

    const off = client.on('encode.changed', (change) => {
      if (change.state === 'queued') void pump()
      if (change.state === 'cancelled' && current?.job.id === change.jobId) current.controller.abort()
    })
    void pump()
    return () => {
      stopped = true
      off()
      current?.controller.abort()
    }
  }, [client, state])
}
