import * as http from 'node:http';
import * as https from 'node:https';
import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';

/** CloudFormation rejects a custom resource response whose body is larger than this. */
export const MAX_RESPONSE_BYTES = 4096;

/** Bounds of the PUT to the response URL: they fit in the margin the deploy path keeps before its deadline. */
export const RESPONSE_LIMITS = { attempts: 3, timeoutMs: 4_000, backoffMs: 500 } as const;

/** What the custom resource answers: the status, a human reason, and a few strings for `Fn::GetAtt`. */
export interface Outcome {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly data: Readonly<Record<string, string>>;
}

/** The id CloudFormation keeps for the resource; stable across updates so no update is a replacement. */
export const physicalIdOf = (event: CloudFormationCustomResourceEvent): string =>
  'PhysicalResourceId' in event ? event.PhysicalResourceId : 'reconcile-on-deploy';

/** The response for a request; the reason is cut (with an ellipsis) so the body fits MAX_RESPONSE_BYTES. */
export function responseFor(
  event: CloudFormationCustomResourceEvent,
  outcome: Outcome,
): CloudFormationCustomResourceResponse {
  const base = {
    Status: outcome.status,
    PhysicalResourceId: physicalIdOf(event),
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { ...outcome.data },
  };
  const withReason = (Reason: string) => ({ ...base, Reason });
  const fits = (reason: string) =>
    Buffer.byteLength(JSON.stringify(withReason(reason))) <= MAX_RESPONSE_BYTES;
  if (fits(outcome.reason)) return withReason(outcome.reason);
  let low = 0;
  let high = outcome.reason.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(`${outcome.reason.slice(0, mid)}…`)) low = mid;
    else high = mid - 1;
  }
  return withReason(`${outcome.reason.slice(0, low)}…`);
}

/** Thrown when CloudFormation could not be answered; the message never contains the pre-signed URL. */
export class ResponseError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'ResponseError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** CloudFormation's response URLs are pre-signed HTTPS S3 URLs; plain HTTP is allowed only to loopback (tests). */
function transportFor(url: URL): typeof https | typeof http {
  const aws = /(^|\.)amazonaws\.com(\.cn)?$/.test(url.hostname);
  if (url.protocol === 'https:' && aws) return https;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return http;
  throw new ResponseError(`refusing to send the CloudFormation response to ${url.protocol}//${url.hostname}`);
}

function put(transport: typeof https | typeof http, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': '', 'content-length': Buffer.byteLength(body) };
    const request = transport.request(
      url,
      { method: 'PUT', headers, timeout: RESPONSE_LIMITS.timeoutMs },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          if (code >= 200 && code < 300) resolve();
          else reject(new ResponseError(`the response URL answered HTTP ${code}`));
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new ResponseError('the response URL did not answer in time')),
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** PUTs the response to the pre-signed URL, retrying a bounded number of times; throws ResponseError. */
export async function sendResponse(responseUrl: string, response: CloudFormationCustomResourceResponse) {
  const url = new URL(responseUrl);
  const transport = transportFor(url);
  const body = JSON.stringify(response);
  let last: unknown;
  for (let attempt = 1; attempt <= RESPONSE_LIMITS.attempts; attempt++) {
    try {
      return await put(transport, url, body);
    } catch (error) {
      last = error;
      if (attempt < RESPONSE_LIMITS.attempts) await sleep(RESPONSE_LIMITS.backoffMs * attempt);
    }
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new ResponseError(`could not answer CloudFormation: ${why}`, { cause: last });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
