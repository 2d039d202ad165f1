import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in for CloudFormation's pre-signed response URL received. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly bytes: number;
  readonly body: Record<string, unknown>;
}

/** A loopback HTTP server standing in for the response URL; `statuses` are answered in turn (then 200). */
export interface ResponseServer {
  readonly url: string;
  readonly received: Received[];
  statuses: number[];
  close(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 with an ephemeral port. */
export async function startResponseServer(): Promise<ResponseServer> {
  const received: Received[] = [];
  const state = { statuses: [] as number[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        bytes: raw.length,
        body: raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {},
      });
      res.statusCode = state.statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cloudformation-response?X-Amz-Signature=test`,
    received,
    get statuses() {
      return state.statuses;
    },
    set statuses(value: number[]) {
      state.statuses = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
