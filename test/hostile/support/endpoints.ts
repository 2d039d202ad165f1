/**
 * Loopback endpoints that misbehave: one that accepts connections and never answers, and a port
 * nobody listens on (an emulator that was stopped). Each counts the connections it saw.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface Endpoint {
  readonly url: string;
  /** Connections accepted so far (one per SDK attempt). */
  connections(): number;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('no port'));
    });
  });

/** A TCP server that accepts every connection, reads what it is sent, and never answers. */
export async function hungEndpoint(): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The URL of a loopback port that was just released: connecting is refused at once. */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
