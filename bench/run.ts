// `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other (the
// machine has two cores; parallel benchmarks would measure each other). Each benchmark measures
// our path and a reference in the same run and prints one JSON line `BENCH {...}`; this runner
// collects them, prints the ratios, and keeps the results in bench/results/.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface BenchResult {
  name: string
  /** What was measured, e.g. "MB/s"; higher or lower is better per `better`. */
  unit: string
  better: 'higher' | 'lower'
  ours: number
  reference: number
  referenceName: string
  target?: string
  notes?: Record<string, unknown>
}

/** Called by each benchmark to report one comparison. */
export function report(result: BenchResult): void {
  console.log(`BENCH ${JSON.stringify(result)}`)
}

function ratio(result: BenchResult): number {
  return result.better === 'higher' ? result.ours / result.reference : result.reference / result.ours
}

async function main(): Promise<void> {
  const dir = fileURLToPath(new URL('.', import.meta.url))
  const filter = process.argv[2]
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort()
  const results: BenchResult[] = []
  let failed = 0
  for (const file of files) {
    console.log(`\n▶ ${file}`)
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(dir, file)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let buffer = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString()
        let newline: number
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline)
          buffer = buffer.slice(newline + 1)
          if (line.startsWith('BENCH ')) results.push(JSON.parse(line.slice(6)) as BenchResult)
          else console.log(`  ${line}`)
        }
      })
      child.on('exit', (status) => resolve(status ?? 1))
    })
    if (code !== 0) {
      failed++
      console.error(`  ${file} failed (exit ${code})`)
    }
  }
  console.log('\nbenchmark | ours | reference | ratio (≥1 means we are at least as good) | target')
  for (const r of results) {
    console.log(
      `${r.name} | ${r.ours.toFixed(2)} ${r.unit} | ${r.reference.toFixed(2)} ${r.unit} (${r.referenceName}) | ${ratio(r).toFixed(2)}× | ${r.target ?? ''}`,
    )
  }
  mkdirSync(join(dir, 'results'), { recursive: true })
  const file = join(dir, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify({ node: process.version, results }, null, 2))
  console.log(`\nSaved ${file}`)
  if (failed > 0) process.exit(1)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
