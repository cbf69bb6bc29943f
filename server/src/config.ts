// The server's settings, read from the environment and from --flags (flags win). A pure function
// so that every rule about precedence, defaults and bad values is unit-tested without a process.
import { isAbsolute, resolve } from 'node:path'
import { defaultLimits, type Limits } from './limits'
import { defaultLiveSyncConfig, type LiveSyncConfig } from './sync/live-sync-config'

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

export interface ServerConfig {
  host: string
  /** 0 means any free port. */
  port: number
  dataDir: string
  database: DatabaseConfig
  /** Absent: derived from the address the server actually listens on. */
  publicUrl: string | undefined
  logLevel: LogLevel
  limits: Limits
  /** Where the built viewer web app lives (`npm run build:web`). */
  webDir: string
  /** How long a shutdown waits for in-flight requests before cutting them off. */
  shutdownGraceMs: number
  /** Memory for hot media files (media-cache.ts); 0 turns the cache off. */
  mediaCacheBytes: number
  /** How often expired unfinished uploads are deleted (and their reel id claims released). */
  uploadCleanupIntervalMs: number
  /** Engagement writes (likes, comments, views, …) per minute, per signed-in user and per address. */
  writeRateLimits: {
    perUserPerMinute: number
    perAddressPerMinute: number
    /** Counted shares by signed-out viewers per address per hour (a new session id is free to make). */
    anonymousSharesPerAddressPerHour: number
  }
  /** Live sync (server/src/sync/): idle unload, compaction, write interval, size caps. */
  liveSync: LiveSyncConfig
  /** Views wait up to this long to be written in one batch (engagement/view-write-queue.ts); 0: at once. */
  viewFlushMs: number
  /** Trending is rebuilt this long after another process's first unseen write (feed/trending.ts). */
  trendingRebuildAfterMs: number
  /** Extra routes that only tests use (e.g. a slow request to exercise graceful shutdown). */
  testRoutes: boolean
}

/** A setting the user got wrong: main.ts prints the message and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Setting = 'host' | 'port' | 'dataDir' | 'databaseUrl' | 'publicUrl'

const settings: Record<Setting, { flag: string; env: string }> = {
  host: { flag: '--host', env: 'SPOOL_HOST' },
  port: { flag: '--port', env: 'SPOOL_PORT' },
  dataDir: { flag: '--data-dir', env: 'SPOOL_DATA_DIR' },
  databaseUrl: { flag: '--database-url', env: 'SPOOL_DATABASE_URL' },
  publicUrl: { flag: '--public-url', env: 'SPOOL_PUBLIC_URL' },
}

const settingByFlag = new Map(Object.entries(settings).map(([key, { flag }]) => [flag, key as Setting]))

const usage = `Flags: ${Object.values(settings)
  .map((s) => s.flag)
  .join(', ')} (each also as an environment variable, e.g. SPOOL_PORT)`

function parseFlags(argv: readonly string[]): Partial<Record<Setting, string>> {
  const values: Partial<Record<Setting, string>> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    const setting = settingByFlag.get(flag)
    if (!setting) throw new ConfigError(`Unknown argument "${arg}". ${usage}`)
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else {
      value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new ConfigError(`${flag} needs a value`)
      i++
    }
    values[setting] = value
  }
  return values
}

function parsePort(raw: string, source: string): number {
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > 65535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535 (0 = any free port), got "${raw}"`)
  }
  return Number(raw)
}

function parseDatabase(raw: string | undefined, dataDir: string, source: string): DatabaseConfig {
  if (raw === undefined || raw === '') return { kind: 'sqlite', file: resolve(dataDir, 'spool.db') }
  if (/^postgres(ql)?:\/\//i.test(raw)) return { kind: 'postgres', url: raw }
  throw new ConfigError(
    `${source} must be a postgres:// URL, or absent to use SQLite in the data directory (got "${redact(raw)}")`,
  )
}

function parsePublicUrl(raw: string | undefined, source: string): string | undefined {
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${source} must be an absolute http(s) URL, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source} must be an http:// or https:// URL, got "${raw}"`)
  }
  return url.href.replace(/\/$/, '')
}

function parseGraceMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 10_000
  if (!/^\d{1,7}$/.test(raw)) {
    throw new ConfigError(`SPOOL_SHUTDOWN_GRACE_MS must be a number of milliseconds, got "${raw}"`)
  }
  return Number(raw)
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info'
  const level = logLevels.find((l) => l === raw.toLowerCase())
  if (!level) throw new ConfigError(`SPOOL_LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${raw}"`)
  return level
}

/**
 * A whole number from the environment, or the default when unset. For the upload quota and
 * expiry, which operators may tune and tests shrink (a quota of 2, an expiry of a second).
 */
function parseWholeNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}"`)
  }
  return Number(raw)
}

function parseUploadLimits(env: Readonly<Record<string, string | undefined>>): Limits {
  return {
    ...defaultLimits,
    maxUnfinishedUploads: parseWholeNumber(
      env,
      'SPOOL_MAX_UNFINISHED_UPLOADS',
      defaultLimits.maxUnfinishedUploads,
      1,
    ),
    maxUnfinishedBytes: parseWholeNumber(
      env,
      'SPOOL_MAX_UNFINISHED_BYTES',
      defaultLimits.maxUnfinishedBytes,
      1,
    ),
    uploadExpiryMs: parseWholeNumber(env, 'SPOOL_UPLOAD_EXPIRY_MS', defaultLimits.uploadExpiryMs, 1000),
  }
}

function parseLiveSync(env: Readonly<Record<string, string | undefined>>): LiveSyncConfig {
  const d = defaultLiveSyncConfig
  return {
    ...d,
    unloadAfterMs: parseWholeNumber(env, 'SPOOL_SYNC_UNLOAD_MS', d.unloadAfterMs, 0),
    compactAfterUpdates: parseWholeNumber(env, 'SPOOL_SYNC_COMPACT_AFTER', d.compactAfterUpdates, 1),
    writeIntervalMs: parseWholeNumber(env, 'SPOOL_SYNC_WRITE_INTERVAL_MS', d.writeIntervalMs, 0),
    maxDraftBytes: parseWholeNumber(env, 'SPOOL_SYNC_MAX_DRAFT_BYTES', d.maxDraftBytes, 1024),
    maxBacklogBytes: parseWholeNumber(env, 'SPOOL_SYNC_MAX_BACKLOG_BYTES', d.maxBacklogBytes, 65_536),
  }
}

/** Hides a password in a database URL before it goes into an error message. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}

export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  webDir: string,
): ServerConfig {
  const flags = parseFlags(argv)
  const pick = (setting: Setting): { value: string | undefined; source: string } => {
    const { flag, env: name } = settings[setting]
    if (flags[setting] !== undefined) return { value: flags[setting], source: flag }
    return { value: env[name], source: name }
  }

  const host = pick('host')
  if (host.value !== undefined && host.value.trim() === '') throw new ConfigError(`${host.source} is empty`)

  const port = pick('port')
  const dataDirRaw = pick('dataDir').value || './data'
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw)
  const database = pick('databaseUrl')
  const publicUrl = pick('publicUrl')

  return {
    host: host.value?.trim() ?? '127.0.0.1',
    port: port.value === undefined || port.value === '' ? 8080 : parsePort(port.value, port.source),
    dataDir,
    database: parseDatabase(database.value, dataDir, database.source),
    publicUrl: parsePublicUrl(publicUrl.value, publicUrl.source),
    logLevel: parseLogLevel(env.SPOOL_LOG_LEVEL),
    limits: parseUploadLimits(env),
    webDir,
    shutdownGraceMs: parseGraceMs(env.SPOOL_SHUTDOWN_GRACE_MS),
    uploadCleanupIntervalMs: parseWholeNumber(env, 'SPOOL_UPLOAD_CLEANUP_INTERVAL_MS', 3600_000, 100),
    mediaCacheBytes: parseWholeNumber(env, 'SPOOL_MEDIA_CACHE_BYTES', 64 * 1024 * 1024, 0),
    // Generous: a person scrolling fast sends a view per reel; a script gets stopped.
    writeRateLimits: {
      perUserPerMinute: parseWholeNumber(env, 'SPOOL_WRITE_LIMIT_PER_USER', 120, 1),
      perAddressPerMinute: parseWholeNumber(env, 'SPOOL_WRITE_LIMIT_PER_ADDRESS', 600, 1),
      anonymousSharesPerAddressPerHour: parseWholeNumber(env, 'SPOOL_ANON_SHARE_LIMIT_PER_ADDRESS', 30, 1),
    },
    liveSync: parseLiveSync(env),
    viewFlushMs: parseWholeNumber(env, 'SPOOL_VIEW_FLUSH_MS', 100, 0),
    trendingRebuildAfterMs: parseWholeNumber(env, 'SPOOL_TRENDING_REBUILD_MS', 5_000, 0),
    testRoutes: env.SPOOL_TEST_ROUTES === '1',
  }
}
