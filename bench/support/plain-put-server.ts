// The tus benchmark's reference server, in its own process like ours: every PUT or PATCH body is
// streamed to a file in the given directory and answered 204. No protocol, no checks — the
// fastest "HTTP upload to disk" node:http can do, to compare the tus path with.
import { createWriteStream } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

const dir = process.argv[2]
if (!dir) throw new Error('usage: plain-put-server.ts <dir>')
let files = 0
const server = createServer((req, res) => {
  void pipeline(req, createWriteStream(join(dir, `put-${files++}`))).then(
    () => res.writeHead(204).end(),
    () => res.writeHead(500).end(),
  )
})
server.listen(0, '127.0.0.1', () => {
  console.log(`plain PUT server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
