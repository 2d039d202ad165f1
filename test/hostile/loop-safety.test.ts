/**
 * The enforcer cannot loop: the CloudTrail events its own writes produce cause no AWS call at all; a
 * burst of 100 tamper events causes writes only for the first repair; failed calls reach neither the
 * function (the deployed EventBridge pattern) nor, if delivered anyway, a run.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import { runEvent } from '../../src/triggers/run';
import { packageTemplate, resolve, resource, resourcesOf, type Template } from '../deploy/template';
import { type AccountMocks, configFor, mockAccount, REGION, without, writesSent } from '../support/builders';
import { driftedEverywhere, topicMissing } from './support/accounts';
import { matchesPattern } from './support/event-pattern';
import { failed, OWN_WRITES, ownEvent, sample, TAMPER_SAMPLES } from './support/own-events';
import { OWN_ROLE, quietHandler } from './support/quiet-handler';

let template: Template;
let mocks: AccountMocks | undefined;
beforeAll(() => {
  template = packageTemplate();
}, 120_000);
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
  jest.restoreAllMocks();
});

/** The role the deployed function runs as, its ARN in the test account, and what it is told to skip. */
function deployedIdentity(): { roleName: string; roleArn: string; skipped: string[] } {
  const roleName = resolve(resource(template, 'IamRoleLambdaExecution').Properties?.RoleName);
  const skipped = resourcesOf(template, 'AWS::Lambda::Function').flatMap(([, fn]) => {
    const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    return variables?.ENFORCER_ROLE_ARN === undefined ? [] : [resolve(variables.ENFORCER_ROLE_ARN)];
  });
  return { roleName, roleArn: `arn:aws:iam::123456789012:role/${roleName}`, skipped };
}

/** The EventPattern of the deployed rule that forwards CloudTrail-recorded calls. */
function deployedPattern(): Record<string, unknown> {
  const rules = resourcesOf(template, 'AWS::Events::Rule').flatMap(([, rule]) => {
    const pattern = rule.Properties?.EventPattern as Record<string, unknown> | undefined;
    return pattern?.['detail-type'] ? [pattern] : [];
  });
  expect(rules).toHaveLength(1);
  return rules[0] as Record<string, unknown>;
}

const allCalls = (m: AccountMocks) => Object.values(m).flatMap((stub) => stub.calls());

describe('the events of its own writes', () => {
  it('the list of own writes is exactly what repairs and a fire drill send (plus the alert)', async () => {
    const sent = new Set<string>();
    for (const account of [driftedEverywhere, topicMissing]) {
      mocks = mockAccount(account());
      await runEvent({ clients: createClients(REGION), config: configFor() }, {});
      await runEvent({ clients: createClients(REGION), config: configFor() }, { drill: true });
      for (const w of writesSent(mocks)) sent.add(w.command.replace(/Command$/, ''));
      for (const mock of Object.values(mocks)) mock.restore();
    }
    expect([...sent, 'Publish'].sort()).toEqual(OWN_WRITES.map(([name]) => name).sort());
  });

  it('the deployed function is told to skip exactly the role it runs as (its ARN)', () => {
    const { roleName, skipped } = deployedIdentity();
    expect(roleName).toBe(OWN_ROLE);
    expect(skipped.length).toBeGreaterThan(0);
    expect(new Set(skipped)).toEqual(new Set(['GetAtt:IamRoleLambdaExecution.Arn']));
  });

  it.each(OWN_WRITES)(
    'own %s (%s) replayed on a drifted account → IGNORED_OWN_CHANGE, no AWS call',
    async (name, service) => {
      const { roleArn } = deployedIdentity();
      mocks = mockAccount(driftedEverywhere());
      const deps = { clients: createClients(REGION), config: configFor({ ENFORCER_ROLE_ARN: roleArn }) };

      const report = await runEvent(deps, ownEvent(name, service));

      expect(report.status).toBe('IGNORED_OWN_CHANGE');
      expect(report.reason).toBe(`caused by the enforcer's own role ${roleArn}`);
      expect(allCalls(mocks)).toEqual([]);
    },
  );

  it('all of them through the deployed handler (alerts included) → not one AWS call', async () => {
    expect(deployedIdentity().roleName).toBe(OWN_ROLE);
    mocks = mockAccount(driftedEverywhere());
    const handler = quietHandler();
    for (const [name, service] of OWN_WRITES) {
      expect((await handler(ownEvent(name, service))).status).toBe('IGNORED_OWN_CHANGE');
    }
    expect(allCalls(mocks)).toEqual([]);
  });
});

describe('a burst of 100 tamper events', () => {
  it('the first repairs and alerts once; the 99 after it write nothing and alert nobody', async () => {
    const state = without('alarm');
    mocks = mockAccount(state);
    mocks.sns.on(PublishCommand).resolves({ MessageId: 'alert-1' });
    const handler = quietHandler();

    const first = await handler(sample('cloudtrail-delete-alarms'));
    expect(first.status).toBe('REPAIRED');
    expect(writesSent(mocks).map((w) => w.command)).toEqual(['PutMetricAlarmCommand', 'PublishCommand']);
    for (const mock of Object.values(mocks)) mock.resetHistory();

    const statuses = new Set<string>();
    for (let i = 1; i < 100; i += 1) {
      statuses.add((await handler(sample(TAMPER_SAMPLES[i % TAMPER_SAMPLES.length] ?? ''))).status);
    }
    expect([...statuses]).toEqual(['COMPLIANT']);
    expect(writesSent(mocks)).toEqual([]);
  });

  it('delivered all at once after the repair (overlapping runs) → still no write', async () => {
    mocks = mockAccount(without('alarm'));
    const deps = { clients: createClients(REGION), config: configFor() };
    expect((await runEvent(deps, sample('cloudtrail-delete-alarms'))).status).toBe('REPAIRED');
    for (const mock of Object.values(mocks)) mock.resetHistory();

    const burst = Array.from({ length: 99 }, (_, i) =>
      sample(TAMPER_SAMPLES[i % TAMPER_SAMPLES.length] ?? ''),
    );
    const reports = await Promise.all(burst.map((event) => runEvent(deps, event)));

    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['COMPLIANT']));
    expect(writesSent(mocks)).toEqual([]);
  });
});

describe('failed calls', () => {
  it('the deployed rule forwards only calls without an errorCode, and never filters on who called', () => {
    const pattern = deployedPattern();
    expect((pattern.detail as Record<string, unknown>).errorCode).toEqual([{ exists: false }]);
    expect(JSON.stringify(pattern)).not.toContain('userIdentity');
  });

  it.each(TAMPER_SAMPLES)(
    '%s: forwarded as recorded; not when the call failed; ignored without a call if it arrives anyway',
    async (name) => {
      const pattern = deployedPattern();
      expect(matchesPattern(pattern, sample(name))).toBe(true);
      expect(matchesPattern(pattern, failed(sample(name)))).toBe(false);

      mocks = mockAccount(driftedEverywhere());
      const report = await runEvent(
        { clients: createClients(REGION), config: configFor() },
        failed(sample(name)),
      );
      expect(report.status).toBe('IGNORED');
      expect(report.reason).toBe('the call failed (AccessDenied): nothing changed');
      expect(allCalls(mocks)).toEqual([]);
    },
  );
});
