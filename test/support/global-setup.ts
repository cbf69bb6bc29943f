// Runs once before the integration and e2e projects: the browser apps must be built for the
// server and `studio:web` to serve them.
import { buildWebApps } from '../../scripts/build-web'

export default async function setup(): Promise<void> {
  await buildWebApps({ ifMissing: true, quiet: true })
}
