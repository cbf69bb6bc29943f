// Settings → About: what is running and where its data lives (handy in bug reports).
import { useEffect, useState } from 'react'
import type { AppInfo } from '../../../shared/rpc/contract'
import { useConnection, useStudio } from '../rpc/studio-context'

const transportNames: Record<AppInfo['transport'], string> = {
  electron: 'Desktop app (Electron IPC)',
  'web-bridge': 'Browser (local WebSocket bridge)',
}

export function AboutBox() {
  const client = useStudio()
  const { state } = useConnection()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (state !== 'connected') return
    let current = true
    client.call('app.info', {}).then(
      (loaded) => current && setInfo(loaded),
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    )
    return () => {
      current = false
    }
  }, [client, state])

  if (!info) return <p className="about-loading">{error ? `Could not load: ${error}` : 'Loading…'}</p>
  return (
    <dl className="about-list" aria-label="About this studio">
      <dt>Version</dt>
      <dd>
        {info.name} {info.version}
      </dd>
      <dt>Connection</dt>
      <dd>{transportNames[info.transport]}</dd>
      <dt>Data folder</dt>
      <dd>
        <code className="path">{info.dataDir}</code>
      </dd>
      <dt>Database</dt>
      <dd>Schema version {info.schemaVersion}</dd>
      <dt>Platform</dt>
      <dd>{info.platform}</dd>
    </dl>
  )
}
