/**
 * DESIGN rule 9 end to end on the emulator: our filter rewritten in a text that means the same but that
 * text-comparing checkers (Prowler, Steampipe, Security Hub) fail is rewritten to the canonical text, with
 * the reason; whitespace, term order, quotes and redundant parentheses are not drift. Someone else's chain
 * in such a text is still judged by meaning alone.
 */
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL, SECURITY_GROUP_EVENTS, TRAIL, USER } from '../../scripts/lib/seed';
import {
  expectCompliantWithoutWrites,
  expectRepaired,
  expectTouchTold,
  filterInForce,
  readControl,
} from './support/control';
import { ALICE, useWorld } from './support/harness';
import { expectHealedAndQuiet, tamper } from './support/tamper';

const LEAD =
  'pattern is not written as the canonical text (checkers such as Prowler and Security Hub compare the text)';
const ALTERNATION = `{ $.eventName = %^${SECURITY_GROUP_EVENTS.join('$|^')}$% }`;
const BRACKETS = `{ ${SECURITY_GROUP_EVENTS.map((name) => `($.['eventName'] = ${name})`).join(' || ')} }`;

describe("our own filter is kept in checker-legible text: the emulator's account, the real handler", () => {
  const world = useWorld('compliant');

  it.each<[string, string, string]>([
    [
      'one regex alternation',
      ALTERNATION,
      'regular expression $.eventName = %^AuthorizeSecurityGroupIngress$|^AuthorizeSe… in place of 6 plain terms on $.eventName',
    ],
    ['bracket selectors', BRACKETS, "selector $.['eventName'] where the canonical text writes $.eventName"],
  ])(
    'our filter rewritten as %s (same meaning) is REPAIRED: the canonical text is written back, the report says why',
    async (_label, text, difference) => {
      await tamper.putFilter(world.account, { pattern: text });

      const run = await world.invoke('cloudtrail-put-metric-filter');

      expectRepaired(
        run,
        { eventName: 'PutMetricFilter', actor: ALICE },
        [{ resource: 'metric-filter', action: 'update', reasons: [`${LEAD}: ${difference}`] }],
        ['logs:PutMetricFilter'],
      );
      expect(run.report.changes[0]?.before).toMatchObject({ pattern: text });
      expect(filterInForce(await readControl(world.account))?.filterPattern).toBe(CONTROL.pattern);
      await expectHealedAndQuiet(world, 'cloudtrail-put-metric-filter');
    },
  );

  it.each<[string, string]>([
    ['no blanks', `{${SECURITY_GROUP_EVENTS.map((name) => `($.eventName=${name})`).join('||')}}`],
    [
      'reversed order',
      `{ ${[...SECURITY_GROUP_EVENTS]
        .reverse()
        .map((name) => `($.eventName = ${name})`)
        .join(' || ')} }`,
    ],
    ['quoted values', `{ ${SECURITY_GROUP_EVENTS.map((name) => `($.eventName = "${name}")`).join(' || ')} }`],
    [
      'line breaks and redundant parentheses',
      `{\n  ((${SECURITY_GROUP_EVENTS.map((name) => `$.eventName = ${name}`).join(' ||\n   ')}))\n}`,
    ],
  ])('our filter respelt with %s is COMPLIANT: nothing written, the text kept', async (_label, text) => {
    await tamper.putFilter(world.account, { pattern: text });

    const run = await world.invoke('cloudtrail-put-metric-filter');

    expectTouchTold(run, 'metric-filter');
    expect(filterInForce(await readControl(world.account))?.filterPattern).toBe(text);
    expectCompliantWithoutWrites(await world.invoke('schedule'));
  });

  it("a user's chain in the regex-alternation text still holds the control: others are judged by meaning", async () => {
    const metric = { metricNamespace: 'LogMetrics', metricName: 'SecurityGroupRegexCount', metricValue: '1' };
    const name = 'sg-changes-regex';
    await world.account.logs.send(
      new PutMetricFilterCommand({
        logGroupName: TRAIL.logGroupName,
        filterName: name,
        filterPattern: ALTERNATION,
        metricTransformations: [metric],
      }),
    );
    await world.account.cloudwatch.send(
      new PutMetricAlarmCommand({
        ...CONTROL.alarm,
        AlarmName: name,
        Namespace: metric.metricNamespace,
        MetricName: metric.metricName,
        AlarmActions: [USER.topicArn],
      }),
    );

    const run = await world.invoke('schedule');

    expectCompliantWithoutWrites(run);
    expect(run.report.controlSatisfiedBy?.map((chain) => chain.filter)).toContain(name);
  });
});
