import 'aws-sdk-client-mock-jest';
import { InvalidParameterException, TestMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { assessControl } from '../../src/verdict';
import { ourFilter } from './fixtures';
import { arrangeChains, clients, desired, logs, meta, seen } from './mocked-chains';

beforeEach(arrangeChains);

/** TestMetricFilter answering as a pattern matching `names` would. */
function awsMatching(names: readonly string[]) {
  logs.on(TestMetricFilterCommand).callsFake(async (input: { logEventMessages?: string[] }) => ({
    matches: (input.logEventMessages ?? []).flatMap((message, i) =>
      names.includes((JSON.parse(message) as { eventName?: string }).eventName ?? '')
        ? [{ eventNumber: i, eventMessage: message, extractedValues: {} }]
        : [],
    ),
  }));
}

describe('assessControl: the optional TestMetricFilter cross-check', () => {
  const six = desired.filter.profile.eventNames;

  it('agreeing: samples of every profile event and of others, no finding', async () => {
    awsMatching(six);
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck).toEqual({
      pattern: seen.filter?.pattern,
      samples: 50,
      agrees: true,
      disagreements: [],
    });
    expect(findings).toEqual([]);
    const sent = logs.commandCalls(TestMetricFilterCommand)[0]?.args[0].input.logEventMessages ?? [];
    const names = new Set(sent.map((m) => (JSON.parse(m) as { eventName?: string }).eventName));
    expect(sent).toHaveLength(50);
    expect(six.every((n) => names.has(n))).toBe(true);
    expect([...names].filter((n) => !six.includes(n ?? '')).length).toBeGreaterThan(10);
  });

  it('disagreeing: a non-blocking finding naming the records', async () => {
    awsMatching([...six.filter((n) => n !== 'DeleteSecurityGroup'), 'CreateVpc']);
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck?.agrees).toBe(false);
    expect(verdict.crossCheck?.disagreements).toEqual(
      expect.arrayContaining([
        'DeleteSecurityGroup by an IAM user: AWS does not match it, the local evaluator does',
        'CreateVpc: AWS matches it, the local evaluator does not',
      ]),
    );
    expect(findings).toEqual([
      expect.stringMatching(
        /^logs:TestMetricFilter disagrees with the local pattern verdict on \d+ of 50 sample records: /,
      ),
    ]);
    expect(verdict.satisfied).toBe(true);
  });

  it('an API error is a finding, never a crash, and the verdict still stands', async () => {
    logs
      .on(TestMetricFilterCommand)
      .rejects(new InvalidParameterException({ message: 'bad', $metadata: meta }));
    const { verdict, findings } = await assessControl(clients, desired, seen, true);
    expect(verdict.crossCheck).toEqual({
      pattern: seen.filter?.pattern,
      error: 'logs:TestMetricFilter on *: InvalidParameterException',
    });
    expect(findings).toEqual([
      'logs:TestMetricFilter cross-check not done: logs:TestMetricFilter on *: InvalidParameterException',
    ]);
    expect(verdict.satisfied).toBe(true);
  });

  it('a stored pattern the local parser rejects is reported without calling AWS', async () => {
    const broken = { ...seen, filter: ourFilter('{ $.eventName = ') };
    const { verdict, findings } = await assessControl(clients, desired, broken, true);
    expect(verdict.crossCheck?.error).toMatch(/^the local parser rejects the pattern AWS stored: /);
    expect(findings).toHaveLength(1);
    expect(logs).toHaveReceivedCommandTimes(TestMetricFilterCommand, 0);
  });

  it('without our filter there is nothing to cross-check', async () => {
    const { verdict } = await assessControl(clients, desired, { ...seen, filter: undefined }, true);
    expect(verdict.crossCheck).toBeUndefined();
    expect(logs).toHaveReceivedCommandTimes(TestMetricFilterCommand, 0);
  });
});
