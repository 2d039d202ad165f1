import {
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandOutput,
  DescribeAlarmsForMetricCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
} from '@aws-sdk/client-sns';
import type { Clients } from '../aws/clients';

/** The read commands an observation of several log groups would otherwise send once per group. */
const SHARED: ReadonlySet<unknown> = new Set([
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DescribeMetricFiltersCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  GetSubscriptionAttributesCommand,
  DescribeKeyCommand,
  GetKeyPolicyCommand,
]);

type Command = { readonly constructor: unknown; readonly input: unknown };
type Send = (command: unknown) => Promise<unknown>;

/** DescribeAlarms takes at most 100 names and answers at most 100 alarms a page (MaxRecords). */
const ALARM_NAMES_PER_CALL = 100;

/** A one-name metric-alarm lookup (how the enforcer reads each control's alarm), or undefined. */
function oneAlarmName(command: Command): string | undefined {
  if ((command.constructor as unknown) !== DescribeAlarmsCommand) return undefined;
  const input = command.input as { AlarmNames?: string[]; AlarmTypes?: string[]; [key: string]: unknown };
  const keys = Object.keys(input).sort().join(',');
  const metricOnly = input.AlarmTypes?.length === 1 && input.AlarmTypes[0] === 'MetricAlarm';
  return keys === 'AlarmNames,AlarmTypes' && metricOnly && input.AlarmNames?.length === 1
    ? input.AlarmNames[0]
    : undefined;
}

/**
 * Merges the one-name alarm lookups sent in the same synchronous job (every control's observation
 * starts in one loop) into DescribeAlarms calls
 * of up to 100 names: fifteen controls' alarms are one call. Each caller gets an answer holding only
 * its own alarm, as its own call would have; a failed call fails each of its callers.
 */
function alarmBatcher(send: Send): (name: string) => Promise<DescribeAlarmsCommandOutput> {
  let waiting: {
    name: string;
    resolve: (out: DescribeAlarmsCommandOutput) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    for (let i = 0; i < batch.length; i += ALARM_NAMES_PER_CALL) {
      const part = batch.slice(i, i + ALARM_NAMES_PER_CALL);
      const AlarmNames = [...new Set(part.map((w) => w.name))];
      const command = new DescribeAlarmsCommand({ AlarmNames, AlarmTypes: ['MetricAlarm'], MaxRecords: 100 });
      send(command).then(
        (out) => {
          const answer = out as DescribeAlarmsCommandOutput;
          for (const w of part) {
            const mine: MetricAlarm[] = (answer.MetricAlarms ?? []).filter((a) => a.AlarmName === w.name);
            w.resolve({ ...answer, MetricAlarms: mine });
          }
        },
        (error: unknown) => {
          for (const w of part) w.reject(error);
        },
      );
    }
  };
  return (name) =>
    new Promise((resolve, reject) => {
      if (waiting.length === 0) queueMicrotask(flush);
      waiting.push({ name, resolve, reject });
    });
}

/** One client whose identical shared reads are sent once: later callers get the first call's promise. */
function sharing<C extends object>(client: C, answers: Map<unknown, Map<string, Promise<unknown>>>): C {
  let alarms: ((name: string) => Promise<DescribeAlarmsCommandOutput>) | undefined;
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'send' || typeof value !== 'function') return value;
      return (command: Command, ...rest: unknown[]) => {
        const send = () => value.call(target, command, ...rest) as Promise<unknown>;
        if (!SHARED.has(command.constructor)) return send();
        const alarmName = oneAlarmName(command);
        if (alarmName !== undefined) {
          alarms ??= alarmBatcher((merged) => value.call(target, merged) as Promise<unknown>);
          return alarms(alarmName);
        }
        const byInput = answers.get(command.constructor) ?? new Map<string, Promise<unknown>>();
        answers.set(command.constructor, byInput);
        const key = JSON.stringify(command.input);
        const answer = byInput.get(key) ?? send();
        byInput.set(key, answer);
        return answer;
      };
    },
  });
}

/**
 * Clients for the reads of one pass over several log groups and controls: our topic, the log group's
 * filters and the filters feeding a metric are read once however many groups and controls are
 * observed, and the controls' alarms in one DescribeAlarms. Only for reads made at the same moment: a
 * later observation (after apply) must use fresh shared clients.
 */
export function shareReads(clients: Clients): Clients {
  const answers = new Map<unknown, Map<string, Promise<unknown>>>();
  return {
    cloudtrail: clients.cloudtrail,
    cloudwatch: sharing(clients.cloudwatch, answers),
    logs: sharing(clients.logs, answers),
    kms: sharing(clients.kms, answers),
    sns: sharing(clients.sns, answers),
    sts: clients.sts,
  };
}
