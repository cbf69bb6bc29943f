// CPU time of a process by pid (Linux /proc), in ms: wall-clock throughput on a shared two-core
// machine swings with whatever else runs, CPU spent per upload much less, so both are reported.
import { readFileSync } from 'node:fs'

export function cpuMs(pid: number): number {
  // Fields after "(comm) ": state is [0], utime [11], stime [12], in clock ticks (100/s on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

/** Processes started by `pid` that are still running, e.g. nginx's workers (not its cache loader). */
export function childPids(pid: number, commandContains: string): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
  return children
    .filter(Boolean)
    .map(Number)
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes(commandContains)
      } catch {
        return false // exited in the meantime
      }
    })
}
