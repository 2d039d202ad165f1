/**
 * Per-test corrections of the emulator's answers for what moto cannot express at all: another
 * account's organization trail in this account's DescribeTrails (moto lists only the caller's own
 * account's trails), and the CloudWatch Logs delivery fields of GetTrailStatus (moto has none). A
 * proxy sits in front of the harness's recording proxy (which stays in front of the AWS-faithful
 * layer): the enforcer's clients point at it, its calls are still recorded by the harness, and a
 * rewrite changes the JSON answer of one operation, as AWS would have answered. Register after
 * `useWorld`, so it wraps the endpoint the world set.
 */
import { type ApiProxy, startApiProxy } from '../../../scripts/lib/api-proxy';
import { readJson, succeeded, withBody } from '../../../scripts/lib/faithful/wire';

type Json = Record<string, unknown>;

/** `service:Operation` (signing name, e.g. `cloudtrail:DescribeTrails`) → how its answer is changed. */
export type Rewrites = Readonly<Record<string, (answer: Json) => Json>>;

/** Installs the proxy for the file; `set` gives this test's rewrites (none before each test). */
export function useAnswerRewrites(): { set(rewrites: Rewrites): void } {
  let rewrites: Rewrites = {};
  let proxy: ApiProxy | undefined;
  let saved: string | undefined;
  beforeAll(async () => {
    saved = process.env.AWS_ENDPOINT_URL;
    if (!saved) throw new Error('useAnswerRewrites must be registered after useWorld');
    proxy = await startApiProxy(saved, {
      record: false,
      layer: {
        handle: async (request, send) => {
          const change = rewrites[`${request.service}:${request.operation}`];
          const out = await send(request);
          return change && succeeded(out) ? withBody(out, JSON.stringify(change(readJson(out.body)))) : out;
        },
        reset: () => undefined,
      },
    });
    process.env.AWS_ENDPOINT_URL = proxy.endpoint;
  });
  afterAll(async () => {
    process.env.AWS_ENDPOINT_URL = saved;
    await proxy?.close();
  });
  beforeEach(() => {
    rewrites = {};
  });
  return {
    set: (next) => {
      rewrites = next;
    },
  };
}
