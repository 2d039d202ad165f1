/**
 * A recording HTTP proxy in front of the emulator: every AWS API request that crosses the wire is
 * named (service and operation) before it is forwarded. It counts what a client actually sent,
 * whoever built the client: the handler module, the packaged bundle, or the source.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';

/** One request as the emulator received it. */
export interface ApiCall {
  /** Signing name from the credential scope: logs, monitoring, sns, cloudtrail, sts, s3. */
  readonly service: string;
  readonly operation: string;
  /** True unless the operation only reads (Describe*, Get*, List*). */
  readonly write: boolean;
}

/** The proxy: point clients at `endpoint`; `take` hands over and forgets the calls seen so far. */
export interface ApiProxy {
  readonly endpoint: string;
  take(): ApiCall[];
  close(): Promise<void>;
}

const READ = /^(Describe|Get|List|Head)/;

/** Names the operation of an AWS JSON (X-Amz-Target), query (Action=) or RPCv2 (/operation/X) request. */
export function operationOf(method: string, url: string, headers: IncomingMessage['headers'], body: string) {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const rpc = /\/operation\/([A-Za-z]+)$/.exec(url);
  if (rpc?.[1]) return rpc[1];
  const action =
    new URLSearchParams(body).get('Action') ?? new URL(url, 'http://x').searchParams.get('Action');
  return action ?? `${method} ${url.split('?')[0]}`;
}

/** The service signing name from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/…`. */
export function serviceOf(headers: IncomingMessage['headers']): string {
  const auth = headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

/** Starts a recording proxy on a free loopback port that forwards to `target` (http://127.0.0.1:port). */
export async function startApiProxy(target: string): Promise<ApiProxy> {
  let calls: ApiCall[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = operationOf(req.method ?? 'GET', req.url ?? '/', req.headers, body.toString('utf8'));
      calls.push({ service: serviceOf(req.headers), operation, write: !READ.test(operation) });
      forward(upstream, req, body, res);
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const { 'transfer-encoding': _chunked, ...headers } = req.headers;
  const options = {
    hostname: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: { ...headers, host: upstream.host, 'content-length': String(body.length) },
  };
  const out = request(options, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  out.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`emulator unreachable: ${error.message}`);
  });
  out.end(body);
}
