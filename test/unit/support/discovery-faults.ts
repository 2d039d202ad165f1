/** Discovery failing while the early reads of the first candidate's log group are under way. */
import {
  GetTrailStatusCommand,
  AccessDeniedException as TrailAccessDenied,
} from '@aws-sdk/client-cloudtrail';
import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeMetricFiltersCommand,
  AccessDeniedException as LogsAccessDenied,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import type { AccountMocks } from '../../support/builders';

/** How long a slow early read takes to answer: well after discovery failed. */
export const SLOW_MS = 30;
/** Resolves after `ms`. */
export const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const meta = { httpStatusCode: 403, requestId: 'denied' };

const slowFilters = (fail: boolean) => (m: AccountMocks) =>
  m.logs.on(DescribeMetricFiltersCommand).callsFake(async () => {
    await later(SLOW_MS);
    if (fail) throw new LogsAccessDenied({ $metadata: meta, message: 'no' });
    return { metricFilters: [] };
  });

const slowAlarmsForMetric = (m: AccountMocks) =>
  m.cloudwatch.on(DescribeAlarmsForMetricCommand).callsFake(async () => {
    await later(SLOW_MS);
    throw new Error('socket hang up');
  });

/** GetTrailStatus denied, and `slow` early reads. */
const statusDeniedWhile = (slow: (m: AccountMocks) => void) => (m: AccountMocks) => {
  m.cloudtrail.on(GetTrailStatusCommand).rejects(new TrailAccessDenied({ $metadata: meta, message: 'no' }));
  slow(m);
};

/** GetCallerIdentity denied: discovery fails before any early read could start. */
export const STS_DENIED = (m: AccountMocks) =>
  m.sts
    .on(GetCallerIdentityCommand)
    .rejects(new STSServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: meta }));

/** The second phase of discovery failing while the early reads are still running, by what those reads do. */
export const STATUS_DENIED: Readonly<Record<string, (m: AccountMocks) => void>> = {
  'the early reads succeed': statusDeniedWhile(slowFilters(false)),
  'the early reads fail too': statusDeniedWhile(slowFilters(true)),
  "our metric's alarm read fails too": statusDeniedWhile(slowAlarmsForMetric),
};
