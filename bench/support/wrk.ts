// Runs wrk against a list of paths (a Lua script rotates over them) and parses its summary.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface WrkResult {
  requestsPerSecond: number
  megabytesPerSecond: number
  /** Non-2xx/3xx answers and socket errors; a run with any is not a valid measurement. */
  errors: number
}

/** Writes a Lua script that sends GETs to `paths` in turn (each wrk thread keeps its own turn). */
export function writeRotationScript(dir: string, paths: readonly string[]): string {
  const file = join(dir, 'rotate.lua')
  const list = paths.map((path) => JSON.stringify(path)).join(', ')
  writeFileSync(
    file,
    `local paths = { ${list} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
  )
  return file
}

const UNITS: Record<string, number> = { B: 1e-6, KB: 1024 / 1e6, MB: 1024 ** 2 / 1e6, GB: 1024 ** 3 / 1e6 }

export function parseWrk(output: string): WrkResult {
  const requests = /Requests\/sec:\s+([\d.]+)/.exec(output)
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(output)
  if (!requests || !transfer) throw new Error(`cannot read wrk's output:\n${output}`)
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  return {
    requestsPerSecond: Number(requests[1]),
    megabytesPerSecond: Number(transfer[1]) * UNITS[transfer[2]!]!,
    errors: non2xx + socketErrors,
  }
}

export async function runWrk(
  baseUrl: string,
  script: string,
  options: { threads: number; connections: number; seconds: number },
): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)('wrk', [
    `-t${options.threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '-s',
    script,
    baseUrl,
  ])
  return parseWrk(stdout)
}
