// Renders server/deploy/nginx.conf (a template with @NAME@ placeholders, documented at its top)
// into a site config. Used by the nginx integration test and the media benchmark, and by hand:
// `npx tsx server/deploy/render-nginx-site.ts <listen> <upstream host:port> <data dir>` prints it.
import { readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface NginxSiteValues {
  /** nginx's `listen` value, e.g. `80` or `127.0.0.1:8081`. */
  listen: string
  /** The Spool server, `host:port`. */
  upstream: string
  /** The server's data directory (absolute). */
  dataDir: string
}

export const nginxTemplatePath = fileURLToPath(new URL('nginx.conf', import.meta.url))

/** How long nginx may still send a removed reel's recently served files (its open_file_cache_valid). */
export function removalDelaySeconds(): number {
  const match = /^\s*open_file_cache_valid (\d+)s;/m.exec(readFileSync(nginxTemplatePath, 'utf8'))
  if (!match) throw new Error('nginx.conf has no `open_file_cache_valid <n>s` line')
  return Number(match[1])
}

export function renderNginxSite(values: NginxSiteValues): string {
  if (!isAbsolute(values.dataDir)) throw new Error(`the data dir must be absolute, got ${values.dataDir}`)
  const byName: Record<string, string> = {
    LISTEN: values.listen,
    SPOOL_UPSTREAM: values.upstream,
    SPOOL_DATA_DIR: values.dataDir.replace(/\/+$/, ''),
  }
  // Only the template's body: the header comments mention the placeholders by name.
  return readFileSync(nginxTemplatePath, 'utf8').replace(/^(?!#)(.*)$/gm, (line) =>
    line.replace(/@([A-Z_]+)@/g, (whole, name: string) => {
      const value = byName[name]
      if (value === undefined) throw new Error(`nginx.conf has an unknown placeholder ${whole}`)
      return value
    }),
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [listen, upstream, dataDir] = process.argv.slice(2)
  if (!listen || !upstream || !dataDir) {
    console.error('usage: render-nginx-site.ts <listen> <upstream host:port> <data dir>')
    process.exit(2)
  }
  process.stdout.write(renderNginxSite({ listen, upstream, dataDir }))
}
