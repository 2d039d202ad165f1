import { DescribeAlarmsCommand, DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetTopicAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import type { Clients } from './clients';

/** The read commands an observation of several log groups would otherwise send once per group. */
const SHARED: ReadonlySet<unknown> = new Set([
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DescribeMetricFiltersCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
]);

type Command = { readonly constructor: unknown; readonly input: unknown };

/** One client whose identical shared reads are sent once: later callers get the first call's promise. */
function sharing<C extends object>(client: C, answers: Map<unknown, Map<string, Promise<unknown>>>): C {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'send' || typeof value !== 'function') return value;
      return (command: Command, ...rest: unknown[]) => {
        const send = () => value.call(target, command, ...rest) as Promise<unknown>;
        if (!SHARED.has(command.constructor)) return send();
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
 * Clients for the reads of one pass over several log groups: our alarm, our topic, the alarms on and the
 * filters feeding our metric are read once however many groups are observed. Only for reads made at the
 * same moment: a later observation (after apply) must use the plain clients.
 */
export function shareReads(clients: Clients): Clients {
  const answers = new Map<unknown, Map<string, Promise<unknown>>>();
  return {
    cloudtrail: clients.cloudtrail,
    cloudwatch: sharing(clients.cloudwatch, answers),
    logs: sharing(clients.logs, answers),
    sns: sharing(clients.sns, answers),
    sts: clients.sts,
  };
}
