/** What one correction of the AWS-faithful layer is, and how it asks the emulator things of its own. */
import { type Send, type WireAnswer, type WireRequest, withJsonBody } from './wire';

/** One way the emulator differs from AWS, corrected on the wire. */
export interface Correction {
  /** `service:Operation` (signing name) of every request it intercepts. */
  readonly operations: readonly string[];
  /**
   * Answers `request` as AWS would: `next` sends it on through the other corrections to the
   * emulator; `emulator` reaches the emulator directly (for the layer's own questions).
   */
  handle(request: WireRequest, next: Send, emulator: Send): Promise<WireAnswer>;
  /** Forgets what it learnt (the emulator was reset). */
  reset(): void;
}

/**
 * Another operation of the same JSON-protocol service, signed like `like` (same region, account and
 * service; the emulator does not check signatures), with this body.
 */
export function jsonCall(like: WireRequest, operation: string, body: unknown): WireRequest {
  const target = String(like.headers['x-amz-target'] ?? '');
  const prefix = target.slice(0, target.lastIndexOf('.') + 1);
  const request = withJsonBody(like, body);
  const headers = { ...like.headers, 'x-amz-target': `${prefix}${operation}` };
  headers['content-length'] = String(request.body.length);
  return { ...request, headers, operation };
}

/** Another operation of the query-protocol service of `like` (SNS), with these parameters. */
export function queryCall(like: WireRequest, operation: string, params: Record<string, string>): WireRequest {
  const body = Buffer.from(
    new URLSearchParams({ Action: operation, Version: '2010-03-31', ...params }).toString(),
    'utf8',
  );
  const headers = { ...like.headers, 'content-length': String(body.length) };
  return { ...like, headers, body, operation };
}
