// The tests use real parts from the system: Debian's Chromium (driven by playwright-core), native
// ffmpeg (test media generator, benchmark reference) and nginx (the media offload test). Installs
// them when missing on a Debian/Ubuntu machine where we are root; elsewhere says what to install.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const needs = [
  { binary: '/usr/bin/chromium', env: 'SPOOL_CHROMIUM_PATH', apt: 'chromium' },
  { binary: '/usr/bin/ffmpeg', env: 'SPOOL_FFMPEG_PATH', apt: 'ffmpeg' },
  // In front of the server for the shipped nginx site's test (server-media-nginx.test.ts).
  { binary: '/usr/sbin/nginx', env: 'SPOOL_NGINX_PATH', apt: 'nginx' },
] as const

const missing = needs.filter((need) => !existsSync(process.env[need.env] ?? need.binary))
if (missing.length > 0) {
  const packages = missing.map((need) => need.apt)
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!canApt) {
    console.error(
      `The tests need ${packages.join(' and ')} (${missing.map((n) => n.binary).join(', ')}). ` +
        `Install them with your package manager, or point ${missing.map((n) => n.env).join(' / ')} at them.`,
    )
    process.exit(1)
  }
  console.log(`Installing ${packages.join(', ')} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
