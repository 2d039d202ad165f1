/**
 * Real SDK clients over real sockets: a hung endpoint and a stopped emulator (closed loopback port)
 * each end in an ERROR report with a readable reason, within a time the client limits bound.
 */
import type { ClientLimits } from '../../src/aws/clients';
import { closedEndpoint, type Endpoint, hungEndpoint } from './support/endpoints';
import { removeBundle, runInNode } from './support/node-run';

/** Small limits so the test is fast; production uses CLIENT_LIMITS (bounded the same way, see loop-safety). */
const LIMITS: ClientLimits = { maxAttempts: 2, connectionTimeoutMs: 300, requestTimeoutMs: 400 };
/** The SDK's longest backoff before the second attempt (base 100 ms, doubled, jittered below), plus slack. */
const BACKOFF_AND_SLACK_MS = 200 + 1_000;

afterAll(removeBundle);

async function runAgainst(url: string) {
  const { report, elapsedMs } = await runInNode(url, LIMITS);
  return { report, elapsed: elapsedMs };
}

describe('an endpoint that accepts and never answers', () => {
  let endpoint: Endpoint;
  beforeEach(async () => {
    endpoint = await hungEndpoint();
  });
  afterEach(() => endpoint.close());

  it('→ ERROR naming the timed-out calls, after every attempt timed out, within the limits', async () => {
    const { report, elapsed } = await runAgainst(endpoint.url);

    expect(report.status).toBe('ERROR');
    expect(report.errors[0]).toMatchObject({
      step: 'discover',
      code: 'ETIMEDOUT',
      hint: expect.stringMatching(
        /^no answer from the AWS endpoint for (sts:GetCallerIdentity|cloudtrail:DescribeTrails) \(ETIMEDOUT\)/,
      ),
    });
    // Discovery sends two calls at once, the region's first page of filters and (a manual run) the
    // alarm's action history beside them; each made every attempt, each attempt ended by requestTimeout.
    expect(endpoint.connections()).toBe(4 * LIMITS.maxAttempts);
    expect(elapsed).toBeGreaterThanOrEqual(LIMITS.maxAttempts * LIMITS.requestTimeoutMs);
    const bound =
      LIMITS.maxAttempts * (LIMITS.connectionTimeoutMs + LIMITS.requestTimeoutMs) + BACKOFF_AND_SLACK_MS;
    expect(elapsed).toBeLessThan(bound);
  });
});

describe('the emulator stopped: nothing listens on its port', () => {
  it('→ ERROR saying the connection was refused, within a second', async () => {
    const { report, elapsed } = await runAgainst(await closedEndpoint());

    expect(report.status).toBe('ERROR');
    expect(report.errors[0]).toMatchObject({
      step: 'discover',
      code: 'ECONNREFUSED',
      message: expect.stringContaining('connect ECONNREFUSED 127.0.0.1'),
      hint: expect.stringContaining('check network access to AWS (VPC endpoints, NAT) or AWS_ENDPOINT_URL'),
    });
    expect(report.changes).toEqual([]);
    expect(elapsed).toBeLessThan(1_000 + BACKOFF_AND_SLACK_MS);
  });
});
