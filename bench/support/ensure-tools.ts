// Benchmarks that use system tools (nginx, wrk) install them when missing on a Debian machine
// where we are root, and otherwise say what to install and exit non-zero.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export function ensureTools(tools: readonly { binary: string; apt: string }[]): void {
  const missing = tools.filter((tool) => !existsSync(tool.binary))
  if (missing.length === 0) return
  const packages = missing.map((tool) => tool.apt)
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')
  if (!canApt) {
    console.error(
      `This benchmark needs ${packages.join(', ')}; install them (e.g. apt-get install ${packages.join(' ')}).`,
    )
    process.exit(1)
  }
  console.error(`Installing ${packages.join(', ')} with apt-get…`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env })
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
