import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './config'

const cwd = '/srv/spool'
const webDir = '/srv/spool/out/web'
const parse = (argv: string[], env: Record<string, string> = {}) => parseConfig(argv, env, cwd, webDir)

describe('parseConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = parse([])
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/spool/data',
      database: { kind: 'sqlite', file: '/srv/spool/data/spool.db' },
      publicUrl: undefined,
      logLevel: 'info',
      webDir,
      shutdownGraceMs: 10_000,
      testRoutes: false,
    })
    expect(config.limits).toMatchObject({ maxPackageBytes: 250_000_000, maxDurationMs: 90_000 })
  })

  it('reads every setting from the environment', () => {
    const config = parse([], {
      SPOOL_HOST: '0.0.0.0',
      SPOOL_PORT: '0',
      SPOOL_DATA_DIR: '/var/lib/spool',
      SPOOL_DATABASE_URL: 'postgres://spool:secret@db/spool',
      SPOOL_PUBLIC_URL: 'https://reels.example.com/',
      SPOOL_LOG_LEVEL: 'silent',
      SPOOL_TEST_ROUTES: '1',
      SPOOL_SHUTDOWN_GRACE_MS: '2500',
    })
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/var/lib/spool',
      database: { kind: 'postgres', url: 'postgres://spool:secret@db/spool' },
      publicUrl: 'https://reels.example.com',
      logLevel: 'silent',
      shutdownGraceMs: 2500,
      testRoutes: true,
    })
  })

  it('lets flags win over the environment, in both --flag value and --flag=value forms', () => {
    const config = parse(['--port', '9000', '--data-dir=rel/dir', '--host=::1'], {
      SPOOL_PORT: '7000',
      SPOOL_DATA_DIR: '/elsewhere',
      SPOOL_HOST: '0.0.0.0',
    })
    expect(config.port).toBe(9000)
    expect(config.host).toBe('::1')
    expect(config.dataDir).toBe('/srv/spool/rel/dir')
    expect(config.database).toEqual({ kind: 'sqlite', file: '/srv/spool/rel/dir/spool.db' })
  })

  it('accepts --database-url and --public-url flags', () => {
    const config = parse(['--database-url', 'postgresql://h/db', '--public-url=http://x.test:81'])
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://h/db' })
    expect(config.publicUrl).toBe('http://x.test:81')
  })

  it('treats empty environment values as unset', () => {
    const config = parse([], { SPOOL_PORT: '', SPOOL_DATA_DIR: '', SPOOL_DATABASE_URL: '' })
    expect(config.port).toBe(8080)
    expect(config.database).toEqual({ kind: 'sqlite', file: '/srv/spool/data/spool.db' })
  })

  it.each([
    [['--port', 'abc'], /--port must be a port number/],
    [['--port=70000'], /--port must be a port number.*"70000"/],
    [['--port=-1'], /--port must be a port number/],
    [['--port'], /--port needs a value/],
    [['--port', '--host', 'x'], /--port needs a value/],
    [['--verbose'], /Unknown argument "--verbose"/],
    [['serve'], /Unknown argument "serve"/],
    [['--public-url', 'not a url'], /--public-url must be an absolute http\(s\) URL/],
    [['--public-url', 'ftp://x'], /--public-url must be an http:\/\/ or https:\/\/ URL/],
    [['--database-url', 'mysql://x'], /--database-url must be a postgres:\/\/ URL/],
    [['--host='], /--host is empty/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parse(argv)).toThrow(ConfigError)
    expect(() => parse(argv)).toThrow(message)
  })

  it('names the environment variable when the bad value came from there', () => {
    expect(() => parse([], { SPOOL_PORT: '80a' })).toThrow(/SPOOL_PORT must be a port number.*"80a"/)
    expect(() => parse([], { SPOOL_LOG_LEVEL: 'loud' })).toThrow(/SPOOL_LOG_LEVEL must be one of/)
    expect(() => parse([], { SPOOL_SHUTDOWN_GRACE_MS: '1s' })).toThrow(/SPOOL_SHUTDOWN_GRACE_MS must be/)
  })

  it('never repeats a database password in an error', () => {
    expect(() => parse([], { SPOOL_DATABASE_URL: 'mysql://u:hunter2@h/db' })).toThrow(
      /mysql:\/\/u:\*\*\*@h\/db/,
    )
    expect(() => parse([], { SPOOL_DATABASE_URL: 'mysql://u:hunter2@h/db' })).not.toThrow(/hunter2/)
  })
  it('reads the upload quota, expiry, cleanup interval and media cache size, and refuses nonsense', () => {
    expect(parse([])).toMatchObject({
      uploadCleanupIntervalMs: 3600_000,
      mediaCacheBytes: 64 * 1024 * 1024,
      limits: { maxUnfinishedUploads: 5, maxUnfinishedBytes: 1_000_000_000, uploadExpiryMs: 24 * 3600_000 },
    })
    const config = parse([], {
      SPOOL_MAX_UNFINISHED_UPLOADS: '2',
      SPOOL_MAX_UNFINISHED_BYTES: '10000',
      SPOOL_UPLOAD_EXPIRY_MS: '1500',
      SPOOL_UPLOAD_CLEANUP_INTERVAL_MS: '250',
      SPOOL_MEDIA_CACHE_BYTES: '0',
    })
    expect(config.uploadCleanupIntervalMs).toBe(250)
    expect(config.mediaCacheBytes).toBe(0)
    expect(config.limits).toMatchObject({
      maxUnfinishedUploads: 2,
      maxUnfinishedBytes: 10_000,
      uploadExpiryMs: 1500,
    })
    for (const [name, value] of [
      ['SPOOL_MAX_UNFINISHED_UPLOADS', '0'],
      ['SPOOL_MAX_UNFINISHED_BYTES', '-5'],
      ['SPOOL_UPLOAD_EXPIRY_MS', '10'],
      ['SPOOL_UPLOAD_CLEANUP_INTERVAL_MS', 'soon'],
    ] as const) {
      expect(() => parse([], { [name]: value }), name).toThrow(ConfigError)
    }
  })
  it('reads the engagement write limits, generous by default', () => {
    expect(parse([]).writeRateLimits).toEqual({
      perUserPerMinute: 120,
      perAddressPerMinute: 600,
      anonymousSharesPerAddressPerHour: 30,
    })
    expect(
      parse([], {
        SPOOL_WRITE_LIMIT_PER_USER: '3',
        SPOOL_WRITE_LIMIT_PER_ADDRESS: '5',
        SPOOL_ANON_SHARE_LIMIT_PER_ADDRESS: '2',
      }).writeRateLimits,
    ).toEqual({ perUserPerMinute: 3, perAddressPerMinute: 5, anonymousSharesPerAddressPerHour: 2 })
    expect(() => parse([], { SPOOL_WRITE_LIMIT_PER_USER: '0' })).toThrow(/SPOOL_WRITE_LIMIT_PER_USER/)
  })
  it('reads the live sync settings', () => {
    expect(parse([]).liveSync).toMatchObject({
      unloadAfterMs: 30_000,
      compactAfterUpdates: 100,
      writeIntervalMs: 250,
    })
    expect(
      parse([], {
        SPOOL_SYNC_UNLOAD_MS: '500',
        SPOOL_SYNC_COMPACT_AFTER: '5',
        SPOOL_SYNC_WRITE_INTERVAL_MS: '0',
        SPOOL_SYNC_MAX_DRAFT_BYTES: '200000',
        SPOOL_SYNC_MAX_BACKLOG_BYTES: '1000000',
      }).liveSync,
    ).toMatchObject({
      unloadAfterMs: 500,
      compactAfterUpdates: 5,
      writeIntervalMs: 0,
      maxDraftBytes: 200_000,
      maxBacklogBytes: 1_000_000,
    })
    expect(parse([]).liveSync.maxBacklogBytes).toBe(8 * 1024 * 1024)
    expect(() => parse([], { SPOOL_SYNC_MAX_BACKLOG_BYTES: '100' })).toThrow(/SPOOL_SYNC_MAX_BACKLOG_BYTES/)
    expect(() => parse([], { SPOOL_SYNC_COMPACT_AFTER: '0' })).toThrow(/SPOOL_SYNC_COMPACT_AFTER/)
    expect(() => parse([], { SPOOL_SYNC_MAX_DRAFT_BYTES: 'big' })).toThrow(/SPOOL_SYNC_MAX_DRAFT_BYTES/)
  })
})
