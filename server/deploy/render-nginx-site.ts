// Renders server/deploy/nginx.conf (a template with @NAME@ placeholders, documented at its top)
// into a site config. Used by the nginx integration test and the media benchmark, and by hand:
// `npx tsx server/deploy/render-nginx-site.ts <listen> <upstream host:port> <data dir> <cache dir>`
// prints it.
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
  /** Where nginx keeps the server's cached access answers (absolute, writable by its workers). */
  cacheDir: string
}

export const nginxTemplatePath = fileURLToPath(new URL('nginx.conf', import.meta.url))

const template = () => readFileSync(nginxTemplatePath, 'utf8')

/** How long nginx trusts the server's "yes" for a media file: a removal's delay behind nginx. */
export function mediaAccessSeconds(): number {
  const match = /^\s*proxy_cache_valid 200 (\d+)s;/m.exec(template())
  if (!match) throw new Error('nginx.conf has no `proxy_cache_valid 200 <n>s` line')
  return Number(match[1])
}

export function renderNginxSite(values: NginxSiteValues): string {
  for (const [name, dir] of [
    ['data', values.dataDir],
    ['cache', values.cacheDir],
  ]) {
    if (!isAbsolute(dir!)) throw new Error(`the ${name} dir must be absolute, got ${dir}`)
  }
  const byName: Record<string, string> = {
    LISTEN: values.listen,
    SPOOL_UPSTREAM: values.upstream,
    SPOOL_DATA_DIR: values.dataDir.replace(/\/+$/, ''),
    SPOOL_NGINX_CACHE_DIR: values.cacheDir.replace(/\/+$/, ''),
  }
  // Only the template's body: the header comments mention the placeholders by name.
  return template().replace(/^(?!#)(.*)$/gm, (line) =>
    line.replace(/@([A-Z_]+)@/g, (whole, name: string) => {
      const value = byName[name]
      if (value === undefined) throw new Error(`nginx.conf has an unknown placeholder ${whole}`)
      return value
    }),
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [listen, upstream, dataDir, cacheDir] = process.argv.slice(2)
  if (!listen || !upstream || !dataDir || !cacheDir) {
    console.error('usage: render-nginx-site.ts <listen> <upstream host:port> <data dir> <cache dir>')
    process.exit(2)
  }
  process.stdout.write(renderNginxSite({ listen, upstream, dataDir, cacheDir }))
}
