/**
 * Faults on the reads behind the account-wide verdict (other chains on the log group, the optional
 * TestMetricFilter cross-check). They are advisory: the run's status and repairs are those of the same
 * run without the fault, and the verdict names the read it could not make (`action on resource: code`).
 */
import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizationErrorException,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import { SECURITY_GROUP_CHANGES } from '../../src/catalog/specs';
import { createNotifier } from '../../src/notify';
import type { Report } from '../../src/report';
import { runEvent } from '../../src/triggers/run';
import {
  ACCOUNT,
  type AccountMocks,
  type AccountState,
  compliant,
  configFor,
  LOG_GROUP,
  mockAccount,
  ourAlarm,
  REGION,
  TOPIC_ARN,
} from '../support/builders';
import { driftedEverywhere } from './support/accounts';
import { ADVISORY_COMMANDS, CALLS } from './support/calls';

const OPS_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:ops-pager`;
const env = { VERIFY_WITH_TEST_METRIC_FILTER: 'true' };
const clients = createClients(REGION);

/**
 * driftedEverywhere, but our alarm exists, silenced, with the user's ops topic among its actions, and
 * the user has a filter of their own with the control's pattern: the verdict reads the alarms on its
 * metric (our own metric's alarm is the one the observation read by name).
 */
function withOpsTopic(): AccountState {
  const s = driftedEverywhere();
  s.topics[OPS_TOPIC] = { attributes: { TopicArn: OPS_TOPIC, Owner: ACCOUNT }, subscriptions: [] };
  s.alarms = [{ ...ourAlarm(compliant()), ActionsEnabled: false, AlarmActions: [TOPIC_ARN, OPS_TOPIC] }];
  s.logGroups[LOG_GROUP]?.push({
    filterName: 'team-sg-changes',
    filterPattern: SECURITY_GROUP_CHANGES.profiles.cis.canonical,
    metricTransformations: [
      { metricNamespace: 'Team', metricName: 'SecurityGroupChanges', metricValue: '1' },
    ],
  });
  return s;
}

interface Advisory {
  readonly label: string;
  readonly command: string;
  readonly inject: (m: AccountMocks, fake: () => Promise<never>) => void;
  /** Where the report names the failed read. */
  readonly named: (r: Report) => readonly string[];
  readonly expected: string;
}

const notChecked = (r: Report) => r.verdict?.notChecked ?? [];
const ROWS: readonly Advisory[] = [
  {
    label: 'cloudwatch:DescribeAlarmsForMetric',
    command: 'DescribeAlarmsForMetricCommand',
    inject: (m, f) => m.cloudwatch.on(DescribeAlarmsForMetricCommand).callsFake(f),
    named: notChecked,
    expected: 'cloudwatch:DescribeAlarmsForMetric on Team/SecurityGroupChanges: ',
  },
  {
    label: 'sns:ListSubscriptionsByTopic on another topic',
    command: 'ListSubscriptionsByTopicCommand',
    inject: (m, f) => m.sns.on(ListSubscriptionsByTopicCommand, { TopicArn: OPS_TOPIC }).callsFake(f),
    named: notChecked,
    expected: `subscribers could not be read: sns:ListSubscriptionsByTopic on ${OPS_TOPIC}: `,
  },
  {
    // The verdict reads another chain's topic whole (issue 16): its policy too.
    label: 'sns:GetTopicAttributes on another topic',
    command: 'GetTopicAttributesCommand',
    inject: (m, f) => m.sns.on(GetTopicAttributesCommand, { TopicArn: OPS_TOPIC }).callsFake(f),
    named: notChecked,
    expected: `subscribers could not be read: sns:GetTopicAttributes on ${OPS_TOPIC}: `,
  },
  {
    label: 'logs:TestMetricFilter',
    command: 'TestMetricFilterCommand',
    inject: (m, f) => m.logs.on(TestMetricFilterCommand).callsFake(f),
    named: (r) => (r.verdict?.crossCheck?.error ? [r.verdict.crossCheck.error] : []),
    expected: 'logs:TestMetricFilter on *: ',
  },
];

/** The same service faults as the main table, by service of the read. */
const FAULTS = {
  cloudwatch: CALLS.find((c) => c.action === 'cloudwatch:DescribeAlarms')?.faults,
  sns: CALLS.find((c) => c.action === 'sns:GetTopicAttributes')?.faults,
  logs: CALLS.find((c) => c.action === 'logs:DescribeMetricFilters')?.faults,
};

let mocks: AccountMocks | undefined;
afterEach(() => {
  for (const mock of Object.values(mocks ?? {})) mock.restore();
  mocks = undefined;
});

async function run(fault?: { row: Advisory; error: () => Error }): Promise<Report> {
  const state = withOpsTopic();
  mocks = mockAccount(state);
  if (fault) fault.row.inject(mocks, async () => Promise.reject(fault.error()));
  const report = await runEvent({ clients, config: configFor(env) }, {});
  if (!fault) expect(ourAlarm(state).AlarmActions).toContain(OPS_TOPIC);
  return report;
}

const CASES = ROWS.flatMap((row) => {
  const service = row.label.split(':')[0] as keyof typeof FAULTS;
  const faults = FAULTS[service];
  return (['throttling', 'denied'] as const).flatMap((kind) => {
    const error = faults?.[kind];
    return error ? [{ name: `${row.label} ${kind}`, row, error }] : [];
  });
});

describe('advisory reads failing', () => {
  it.each(CASES)(
    '$name → same status and repairs as without the fault; the verdict names it',
    async ({ row, error }) => {
      for (const mock of Object.values(mocks ?? {})) mock.restore();
      const clean = await run();
      for (const mock of Object.values(mocks ?? {})) mock.restore();
      const faulty = await run({ row, error });

      expect(row.named(clean)).toEqual([]);
      expect(faulty.status).toBe(clean.status);
      expect(faulty.changes).toEqual(clean.changes);
      expect(faulty.errors).toEqual([]);
      const code = (error() as Error & { name: string }).name;
      expect(row.named(faulty)).toContainEqual(expect.stringContaining(`${row.expected}${code}`));
    },
  );

  it('covers every advisory command', () => {
    expect(new Set(ROWS.map((r) => r.command))).toEqual(
      new Set([...ADVISORY_COMMANDS, 'ListSubscriptionsByTopicCommand', 'GetTopicAttributesCommand']),
    );
  });
});

describe('sns:Publish failing (the alert, sent by the handler after the run)', () => {
  const failures = [
    [
      'throttling',
      () => new ThrottledException({ message: 'Rate exceeded', $metadata: {} }),
      /AWS throttled sns:Publish/,
    ],
    [
      'denied',
      () => new AuthorizationErrorException({ message: 'not authorized', $metadata: {} }),
      /may not call sns:Publish on /,
    ],
    [
      'network',
      () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      /no answer from the AWS endpoint for sns:Publish/,
    ],
  ] as const;

  it.each(failures)(
    '%s → the report of the repair is returned, not thrown, and says the alert failed and why',
    async (_kind, error, hint) => {
      const state = withOpsTopic();
      mocks = mockAccount(state);
      mocks.sns.on(PublishCommand).rejects(error());
      const config = configFor();
      const report = await runEvent({ clients, config }, {});
      const notified = await createNotifier({ sns: clients.sns, config }).notify(report);

      // Repaired, and NON_COMPLIANT only because the configured email now waits for its owner.
      expect(notified.status).toBe('NON_COMPLIANT');
      expect(notified.changes.length).toBeGreaterThan(0);
      expect(notified.findings).toContainEqual(expect.stringContaining('email:sec@example.com'));
      expect(notified.changes).toEqual(report.changes);
      expect(notified.notification).toEqual({
        sent: false,
        topicArn: TOPIC_ARN,
        error: expect.stringMatching(new RegExp(`^sns:Publish on ${TOPIC_ARN}: `)),
      });
      expect(
        notified.notification && 'error' in notified.notification ? notified.notification.error : '',
      ).toMatch(hint);
    },
  );
});
