// Runs Debian's nginx as a child process for tests and benchmarks: a whole nginx.conf in a temp
// directory (pid, logs and temp files there too), `daemon off`, listening on 127.0.0.1 only.
// The site itself comes from the caller, normally server/deploy/nginx.conf rendered.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

export const NGINX_BINARY = process.env.SPOOL_NGINX_PATH ?? '/usr/sbin/nginx'

export const hasNginx = () => existsSync(NGINX_BINARY)

export interface RunningNginx {
  child: ChildProcess
  dir: string
  errorLog: () => string
  stop(): Promise<void>
}

/** A port that was free a moment ago (nginx cannot be asked to pick one and tell us). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

// The MIME types our media uses, for a plain static `location` (the accel one keeps the
// upstream's Content-Type).
const TYPES = `types {
    application/vnd.apple.mpegurl m3u8;
    video/iso.segment m4s;
    video/mp4 mp4;
    image/jpeg jpg;
    application/json json;
  }
  default_type application/octet-stream;`

/**
 * Starts nginx with `servers` (server/upstream blocks) inside its http block; resolves once `port`
 * answers. A function gets nginx's own temp directory, e.g. to put a proxy cache there.
 */
export async function startNginx(
  servers: string | ((dir: string) => string),
  port: number,
): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'spool-nginx-'))
  // As root the workers would drop to "nobody", who cannot read our 0700 temp data dirs.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : ''
  const conf = `${user}
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  ${TYPES}
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 100000;
${typeof servers === 'string' ? servers : servers(dir)}
}
`
  writeFileSync(join(dir, 'nginx.conf'), conf)
  const child = spawn(
    NGINX_BINARY,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const errorLog = () => {
    const file = join(dir, 'error.log')
    return stderr + (existsSync(file) ? readFileSync(file, 'utf8') : '')
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${errorLog()}`)
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) })
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${port}:\n${errorLog()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return {
    child,
    dir,
    errorLog,
    async stop() {
      // SIGQUIT: graceful shutdown of master and workers.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
