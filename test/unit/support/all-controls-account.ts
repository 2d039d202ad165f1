/**
 * Accounts for a deployment that keeps several controls (CONTROLS=all), as mockAccount serves them:
 * every selected control's chain in place, or none of them; and a mock that throttles, the way AWS
 * does, each API driven above its documented request-rate quota (docs/quotas.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clients } from '../../../src/aws/clients';
import {
  ACCOUNT,
  type AccountMocks,
  type AccountState,
  compliant,
  configFor,
  LOG_GROUP,
  ourAlarm,
  ourFilter,
  REGION,
} from '../../support/builders';

type Env = Readonly<Record<string, string>>;

/** A compliant account for BASE_ENV plus `env`: the chain of every selected control, one topic. */
export function allChains(env: Env): AccountState {
  const config = configFor(env);
  const state = compliant(env);
  const [first, ...others] = config.controls;
  const filter = ourFilter(state);
  const alarm = ourAlarm(state);
  const filters = state.logGroups[LOG_GROUP] ?? [];
  for (const c of others) {
    const metric = { metricNamespace: c.metricNamespace, metricName: c.metricName, metricValue: '1' };
    const pattern = c.control.profiles[config.patternProfile].canonical;
    filters.push({
      ...filter,
      filterName: c.filterName,
      filterPattern: pattern,
      metricTransformations: [metric],
    });
    const arn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${c.alarmName}`;
    state.alarms.push({
      ...structuredClone(alarm),
      AlarmName: c.alarmName,
      AlarmArn: arn,
      MetricName: c.metricName,
    });
  }
  if (first?.filterName !== state.ours.filter) throw new Error('compliant() built another first control');
  return state;
}

/** The same account before the enforcer ran: trail and log group, no filter, alarm or topic of ours. */
export function noChains(env: Env): AccountState {
  const config = configFor(env);
  const state = allChains(env);
  const ours = new Set(config.controls.flatMap((c) => [c.filterName, c.alarmName]));
  state.logGroups[LOG_GROUP] = (state.logGroups[LOG_GROUP] ?? []).filter(
    (f) => !ours.has(f.filterName ?? ''),
  );
  state.alarms = state.alarms.filter((a) => !ours.has(a.AlarmName ?? ''));
  delete state.topics[state.ours.topic];
  return state;
}

/** Each API's documented quota in requests per second, from the table of docs/quotas.md (no figure: absent). */
export function documentedQuotas(): ReadonlyMap<string, number> {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'quotas.md'), 'utf8');
  const rows = text.split('\n').filter((line) => line.startsWith('| `'));
  const cells = rows.map((line) => line.split('|').map((cell) => cell.trim()));
  const quotas = cells.map(([, api, , quota]) => [api?.replaceAll('`', '') ?? '', Number(quota)] as const);
  return new Map(quotas.filter(([, quota]) => Number.isFinite(quota)));
}

/** What AWS answers a request above the rate quota. */
const throttled = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
  });

type Send = (command: object, ...rest: unknown[]) => Promise<unknown>;

/**
 * Puts a throttle in front of each mocked client's answers: a request of an API with a quota fails
 * with ThrottlingException when more than that many requests of it started in the last second
 * (`now`, in milliseconds). It sits below whatever wraps `clients` (the pacing), as AWS does.
 */
export function throttleAboveQuotas(clients: Clients, mocks: AccountMocks, now: () => number): void {
  const quotas = documentedQuotas();
  const starts = new Map<string, number[]>();
  for (const name of Object.keys(mocks) as (keyof Clients)[]) {
    const answer = mocks[name].send as unknown as Send;
    const guarded: Send = (command, ...rest) => {
      const api = command.constructor.name.replace(/Command$/, '');
      const quota = quotas.get(api);
      const at = now();
      const recent = [...(starts.get(api) ?? []).filter((t) => t > at - 1_000), at];
      starts.set(api, recent);
      if (quota !== undefined && recent.length > quota) return Promise.reject(throttled());
      return answer.call(clients[name], command, ...rest);
    };
    Object.assign(clients[name], { send: guarded });
  }
}
