// The version in the repository's package.json, read from disk: importing the JSON would cross the
// core's layer boundary and, in Electron's bundle, freeze a copy of the whole manifest.
import { readFileSync } from 'node:fs'

let cached: string | undefined

export function packageVersion(): string {
  if (cached) return cached
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown
  }
  cached = typeof manifest.version === 'string' ? manifest.version : '0.0.0'
  return cached
}
