// The sync fan-out benchmark's reference server, in its own process like ours: a POST to /like
// bumps a counter and sends it as a tiny JSON text frame to every open WebSocket. No auth, no
// database, no Yjs — the floor for "one write reaches N subscribers" with node:http and ws.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'

let likes = 0
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/like') return void res.writeHead(404).end()
  req.resume()
  req.on('end', () => {
    likes++
    const message = JSON.stringify({ likes })
    for (const ws of wss.clients) ws.send(message)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ likes }))
  })
})
server.on('upgrade', (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)),
)
server.listen(0, '127.0.0.1', () => {
  console.log(`bare broadcast server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate()
  server.close(() => process.exit(0))
})
