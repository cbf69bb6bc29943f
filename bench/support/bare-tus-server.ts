// @tus/server + FileStore with no hooks at all, on node:http: what the library itself costs,
// to tell its share of the tus benchmark from our hooks' share.
import { FileStore } from '@tus/file-store'
import { Server } from '@tus/server'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const dir = process.argv[2]
if (!dir) throw new Error('usage: bare-tus-server.ts <dir>')
const tus = new Server({ path: '/api/uploads', datastore: new FileStore({ directory: dir }) })
const server = createServer((req, res) => void tus.handle(req, res))
server.listen(0, '127.0.0.1', () => {
  console.log(`bare tus server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
