// A TCP relay in front of a real server, for tests that take one client offline while the server
// and everyone else stay up: `cut()` drops every connection through it and refuses new ones (the
// cable is pulled), `restore()` lets them through again. The client is given `url`; others talk
// to the server directly.
import { createServer, connect, type Socket } from 'node:net'

export interface NetworkGate {
  /** The server's address as seen through the gate (same scheme, the gate's port). */
  url: string
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function openNetworkGate(targetUrl: string): Promise<NetworkGate> {
  const target = new URL(targetUrl)
  const sockets = new Set<Socket>()
  let open = true
  const relay = createServer((incoming) => {
    if (!open) {
      incoming.destroy()
      return
    }
    const outgoing = connect(Number(target.port), target.hostname)
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      // A reset on one side ends the other: that is what a dropped network looks like to both.
      socket.on('error', () => (socket === incoming ? outgoing : incoming).destroy())
    }
    incoming.pipe(outgoing)
    outgoing.pipe(incoming)
    incoming.on('close', () => outgoing.destroy())
    outgoing.on('close', () => incoming.destroy())
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  const { port } = relay.address() as { port: number }
  const dropAll = () => {
    for (const socket of sockets) socket.destroy()
  }
  return {
    url: `${target.protocol}//127.0.0.1:${port}`,
    cut() {
      open = false
      dropAll()
    },
    restore() {
      open = true
    },
    close() {
      open = false
      dropAll()
      return new Promise((resolve) => relay.close(() => resolve()))
    },
  }
}
