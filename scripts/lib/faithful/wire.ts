/**
 * AWS requests and answers as bytes on the wire, and the few readers and writers the AWS-faithful
 * layer needs for the protocols our clients speak: JSON (CloudWatch Logs, CloudTrail, CloudWatch's
 * query-compatible JSON 1.0) and query/XML (SNS).
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** One request as a client sent it, named by service (signing name) and operation. */
export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly service: string;
  readonly operation: string;
}

/** One answer, buffered so that it can be read and rewritten. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
}

/** Sends a request on (to the emulator, or to the next correction) and resolves with its answer. */
export type Send = (request: WireRequest) => Promise<WireAnswer>;

/** The region of the credential scope (`Credential=AKID/date/region/service/aws4_request`). */
export function regionOf(request: WireRequest): string {
  const auth = request.headers.authorization ?? '';
  return /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'us-east-1';
}

/** The JSON body of a JSON-protocol request or answer (an empty body reads as `{}`). */
export function readJson(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The parameters of a query-protocol request (SNS): `Action=Subscribe&TopicArn=…`. */
export const readQuery = (request: WireRequest) => new URLSearchParams(request.body.toString('utf8'));

/** The same request with another JSON body. */
export function withJsonBody(request: WireRequest, value: unknown): WireRequest {
  return { ...request, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** An answer with this body, its length header updated. */
export function withBody(answer: WireAnswer, body: string | Buffer): WireAnswer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const { 'content-length': _old, 'transfer-encoding': _chunked, ...headers } = answer.headers;
  return {
    status: answer.status,
    headers: { ...headers, 'content-length': String(bytes.length) },
    body: bytes,
  };
}

/** A 200 answer with a JSON body. */
export function jsonAnswer(value: unknown, contentType = 'application/x-amz-json-1.1'): WireAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return {
    status: 200,
    headers: { 'content-type': contentType, 'content-length': String(body.length) },
    body,
  };
}

/**
 * A JSON-protocol error as AWS sends it: `__type` names the error; `queryCode` adds the
 * `x-amzn-query-error` header that query-compatible services (CloudWatch) send, from which the SDK
 * takes the error's name.
 */
export function jsonError(
  status: number,
  type: string,
  message: string,
  options: { queryCode?: string; contentType?: string } = {},
): WireAnswer {
  const { queryCode, contentType = 'application/x-amz-json-1.1' } = options;
  const body = Buffer.from(JSON.stringify({ __type: type, message }), 'utf8');
  const headers: OutgoingHttpHeaders = {
    'content-type': contentType,
    'content-length': String(body.length),
    ...(queryCode ? { 'x-amzn-query-error': `${queryCode};Sender` } : {}),
  };
  return { status, headers, body };
}

/** A query-protocol (SNS) error document. */
export function xmlError(status: number, code: string, message: string): WireAnswer {
  const text =
    '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>' +
    `<Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId()}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body: Buffer.from(text, 'utf8') };
}

/** A query-protocol (SNS) success document: `<OpResponse><OpResult>…</OpResult>…`. */
export function xmlAnswer(operation: string, result: string): WireAnswer {
  const text =
    `<${operation}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${operation}Result>${result}` +
    `</${operation}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: Buffer.from(text, 'utf8') };
}

/** The text of every `<tag>…</tag>` element, in document order (flat: tags must not nest). */
export function xmlValues(xml: string, tag: string): string[] {
  const found = xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'));
  return [...found].map((m) => unescapeXml(m[1] ?? ''));
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const requestId = () => `faithful-${Math.random().toString(36).slice(2, 12)}`;

/** True when the answer is a success (2xx). */
export const succeeded = (answer: WireAnswer) => answer.status >= 200 && answer.status < 300;
