// app.* — what the studio is and where it keeps its data (shown in Settings → About).
import type { HandlerMap } from '../rpc/dispatcher'

export function appHandlers(deps: { dataDir: string; schemaVersion: number; version: string }): HandlerMap {
  return {
    'app.info': (_params, context) => ({
      name: 'Spool Studio',
      version: deps.version,
      platform: process.platform,
      transport: context.transport,
      dataDir: deps.dataDir,
      schemaVersion: deps.schemaVersion,
    }),
  }
}
