// CPU time of a process by pid (Linux /proc), in ms: wall-clock throughput on a shared two-core
// machine swings with whatever else runs, CPU spent per upload much less, so both are reported.
import { readFileSync } from 'node:fs'

export function cpuMs(pid: number): number {
  // Fields after "(comm) ": state is [0], utime [11], stime [12], in clock ticks (100/s on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}
