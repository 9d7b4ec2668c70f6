/** Loopback ports for the Neo4j instances that tests start themselves. */
import net from 'node:net'

/** Asks the system for a free loopback port, so that a test never meets another process's. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
