import type { Trail } from '@aws-sdk/client-cloudtrail';
import { byOperation, type CallRecord } from '../../../scripts/bench/calls';
import { createClients } from '../../../src/aws/clients';
import type { Report } from '../../../src/report';
import { runEvent } from '../../../src/triggers/run';
import {
  ACCOUNT,
  type AccountMocks,
  type AccountState,
  configFor,
  mockAccount,
  ourTrail,
  REGION,
  type SentCall,
  TRAIL_ARN,
  writesSent,
} from '../../support/builders';
import { timed } from './timed';

/** One run through timed clients: the report, what was written, every call with its logical times. */
export interface TimedRun {
  readonly report: Report;
  readonly writes: SentCall[];
  readonly mocks: AccountMocks;
  readonly calls: readonly CallRecord[];
  /** Calls still unanswered when the run returned. */
  readonly inFlight: number;
}

/** Runs `event` (a manual `{}` by default) on `state`; `arrange` overrides some answers. */
export async function timedRun(
  state: AccountState,
  options: { env?: Record<string, string>; arrange?: (m: AccountMocks) => void; event?: unknown } = {},
): Promise<TimedRun> {
  const clients = createClients(REGION);
  const mocks = mockAccount(state, { targets: clients });
  options.arrange?.(mocks);
  const t = timed(clients);
  const event = 'event' in options ? options.event : {};
  const report = await runEvent({ clients: t.clients, config: configFor(options.env) }, event);
  return { report, writes: writesSent(mocks), mocks, calls: t.calls, inFlight: t.inFlight() };
}

/** Calls per operation, as an object for exact comparison. */
export const counts = (calls: readonly CallRecord[]): Record<string, number> =>
  Object.fromEntries(byOperation(calls));

/**
 * The reads of a compliant run whose alarm notifies only our topic. DescribeMetricFilters twice: the
 * log group's filters, and every filter of the region writing to our metric (by metric, no group).
 */
export const COMPLIANT_READS: Readonly<Record<string, number>> = {
  GetCallerIdentity: 1,
  DescribeTrails: 1,
  GetTrailStatus: 1,
  // The region's first page (every filter, so every writer to our metric) and the log group's filters.
  DescribeMetricFilters: 2,
  DescribeAlarms: 1,
  GetTopicAttributes: 1,
  ListSubscriptionsByTopic: 1,
  // The one confirmed subscriber's attributes: its FilterPolicy decides whether it receives the alarm.
  GetSubscriptionAttributes: 1,
  // A manual run (and the daily sweep) reads each alarm's action history; event-driven runs do not.
  DescribeAlarmHistory: 1,
};

/** The answered call of `operation` (the only one, or the first). */
export function callOf(calls: readonly CallRecord[], operation: string): CallRecord {
  const found = calls.find((c) => c.operation === operation);
  if (!found) throw new Error(`no ${operation} call`);
  return found;
}

/** Puts a stopped trail delivering to `logGroupArn` before our trail in the DescribeTrails listing. */
export function stoppedTrailFirst(state: AccountState, logGroupArn: string): AccountState {
  const arn = `${TRAIL_ARN}-stopped`;
  const stopped: Trail = { ...ourTrail(state), Name: 'stopped', TrailARN: arn };
  stopped.CloudWatchLogsLogGroupArn = logGroupArn;
  state.trails = [stopped, ...state.trails];
  state.logging[arn] = false;
  return state;
}

/** The ARN of a log group of this account and region. */
export const groupArn = (name: string): string => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
