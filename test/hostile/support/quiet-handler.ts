/**
 * The real handler module (handlers/reconcile.ts), loaded into the calling test file's module registry,
 * so the client classes aws-sdk-client-mock mocked there are the ones it builds its clients from.
 * Configured like the deployed function; its logs and metrics are kept off the test output.
 */
import type { Report } from '../../../src/report';

/** The role name serverless.yml gives the function in stage prod, us-east-1. */
export const OWN_ROLE = 'cis-monitoring-enforcer-prod-us-east-1';
/** Its ARN in the test account, as the stack passes it in ENFORCER_ROLE_ARN. */
export const OWN_ROLE_ARN = `arn:aws:iam::123456789012:role/${OWN_ROLE}`;

export type Handler = (event: unknown) => Promise<Report>;

/** Loads the handler once per test file with `env` on top of the deployed defaults; silences console. */
export function quietHandler(env: Record<string, string> = {}): Handler {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    POWERTOOLS_DEV: 'true',
    SUBSCRIPTIONS: 'email:sec@example.com',
    ENFORCER_ROLE_ARN: OWN_ROLE_ARN,
    ...env,
  });
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation(() => undefined);
  }
  return (require('../../../handlers/reconcile') as { handler: Handler }).handler;
}
