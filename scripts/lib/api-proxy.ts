/**
 * A recording HTTP proxy in front of the emulator: every AWS API request that crosses the wire is
 * named (service and operation) before it is forwarded. It counts what a client actually sent,
 * whoever built the client: the handler module, the packaged bundle, or the source. With a `layer`
 * (the AWS-faithful layer, scripts/lib/faithful) every request is answered through it.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { FaithfulLayer, Send, WireAnswer, WireRequest } from './faithful';

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

/** How a proxy treats what crosses it. */
export interface ProxyOptions {
  /** Answers through this layer (shared state: one layer per emulator). Default: straight to the emulator. */
  readonly layer?: Pick<FaithfulLayer, 'handle' | 'reset'>;
  /** Records the calls for `take` (default true; false for a person's clients, whose calls are not counted). */
  readonly record?: boolean;
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

const RESET = /^\/moto-api\/reset/;

/** Starts a proxy on a free loopback port that forwards to `target` (http://127.0.0.1:port). */
export async function startApiProxy(target: string, options: ProxyOptions = {}): Promise<ApiProxy> {
  let calls: ApiCall[] = [];
  const emulator = forwarder(new URL(target));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const wire = toWire(req, Buffer.concat(chunks));
      if (options.record !== false && !RESET.test(wire.url)) {
        calls.push({ service: wire.service, operation: wire.operation, write: !READ.test(wire.operation) });
      }
      answer(wire, emulator, options.layer).then(
        (out) => reply(res, out),
        (error: unknown) => reply(res, failure(500, `faithful layer failed: ${String(error)}`)),
      );
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

function toWire(req: IncomingMessage, body: Buffer): WireRequest {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const operation = operationOf(method, url, req.headers, body.toString('utf8'));
  return { method, url, headers: req.headers, body, service: serviceOf(req.headers), operation };
}

/** The emulator's answer, through the layer when there is one; a reset also resets the layer. */
async function answer(wire: WireRequest, emulator: Send, layer: ProxyOptions['layer']): Promise<WireAnswer> {
  if (!layer) return emulator(wire);
  if (RESET.test(wire.url)) {
    const out = await emulator(wire);
    layer.reset();
    return out;
  }
  return layer.handle(wire, emulator);
}

function reply(res: ServerResponse, out: WireAnswer): void {
  res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
  res.end(out.body);
}

const failure = (status: number, text: string): WireAnswer => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: Buffer.from(text, 'utf8'),
});

/** Sends a request to the emulator and buffers its answer (a 502 answer when it is unreachable). */
function forwarder(upstream: URL): Send {
  return (wire) =>
    new Promise((resolveAnswer) => {
      const { 'transfer-encoding': _chunked, ...headers } = wire.headers;
      const options = {
        hostname: upstream.hostname,
        port: upstream.port,
        method: wire.method,
        path: wire.url,
        headers: { ...headers, host: upstream.host, 'content-length': String(wire.body.length) },
      };
      const out = request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const { 'transfer-encoding': _te, ...answerHeaders } = res.headers;
          resolveAnswer({
            status: res.statusCode ?? 502,
            headers: answerHeaders,
            body: Buffer.concat(chunks),
          });
        });
      });
      out.on('error', (error) => resolveAnswer(failure(502, `emulator unreachable: ${error.message}`)));
      out.end(wire.body);
    });
}
