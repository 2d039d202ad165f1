import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { ControlConfig } from '../config';
import type { FilterView } from '../model';
import { type RegionFilters, readMetricFeeders } from './filters';

/**
 * IAM actions of the remnant reads: the selected controls' alarms by name (the role's alarm ARNs) and
 * the filters writing to their metrics (by metric: `log-group:*`, as FEEDER_GRANTS says).
 */
export const REMNANT_GRANTS = [
  ...grants('alarm', 'cloudwatch:DescribeAlarms'),
  ...grants('logGroup', 'logs:DescribeMetricFilters'),
];

/** What of the enforcer's exists in this region: its alarms, and the filters writing to its metrics. */
export interface Remnants {
  readonly alarms: readonly string[];
  /** `filter name on log group` of each filter writing to a selected control's metric. */
  readonly filters: readonly string[];
}

export type RemnantsRead = { readonly remnants: Remnants } | { readonly errors: readonly StepError[] };

const STEP = 'observe remnants';

/** The selected controls' alarms that exist, in one DescribeAlarms (at most 100 names: the catalog has 15). */
async function readAlarms(clients: Clients, controls: readonly ControlConfig[]): Promise<string[]> {
  const AlarmNames = [...new Set(controls.map((c) => c.alarmName))];
  const out = await attempt(STEP, 'cloudwatch:DescribeAlarms', AlarmNames.join(','), () =>
    clients.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames, AlarmTypes: ['MetricAlarm'], MaxRecords: 100 }),
    ),
  );
  return (out.MetricAlarms ?? []).flatMap((a) =>
    a.AlarmName && AlarmNames.includes(a.AlarmName) ? [a.AlarmName] : [],
  );
}

const label = (f: FilterView) => `${f.name} on ${f.logGroupName ?? '(unknown log group)'}`;

/**
 * Filters of the region writing to a selected control's metric (or named as its filter): from the
 * region's first page when it held every filter, else one DescribeMetricFilters by metric per control.
 */
async function readFilters(
  clients: Clients,
  controls: readonly ControlConfig[],
  region: RegionFilters | undefined,
): Promise<string[]> {
  const ours = (f: FilterView, c: ControlConfig) =>
    f.name === c.filterName ||
    f.transformations.some((t) => t.metricNamespace === c.metricNamespace && t.metricName === c.metricName);
  const all = region?.all;
  const found = all
    ? all.filter((f) => controls.some((c) => ours(f, c)))
    : (
        await Promise.all(
          controls.map((c) =>
            readMetricFeeders(clients, { namespace: c.metricNamespace, name: c.metricName }),
          ),
        )
      ).flat();
  return [...new Set(found.map(label))].sort();
}

/**
 * Reads whether anything of the enforcer's exists in this region for the selected controls: their
 * alarms and the filters feeding their metrics. Only on the path where no trail delivers here (see
 * src/discover/applicable.ts): a compliant run never makes these calls. Never rejects.
 */
export async function readRemnants(
  clients: Clients,
  controls: readonly ControlConfig[],
  region: RegionFilters | undefined,
): Promise<RemnantsRead> {
  const [alarms, filters] = await Promise.allSettled([
    readAlarms(clients, controls),
    readFilters(clients, controls, region),
  ]);
  if (alarms.status === 'fulfilled' && filters.status === 'fulfilled') {
    return { remnants: { alarms: alarms.value, filters: filters.value } };
  }
  const failed = [alarms, filters].flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  return { errors: failed.map((e) => toStepError(STEP, e)) };
}
