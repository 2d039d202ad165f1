/** What the APIs return for each control of the family, read with a person's clients after a run. */
import { DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type MetricFilter, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { CONTROL_SPECS, type ControlSpec } from '../../src/catalog/specs';
import type { AccountClients } from './seed';
import { CONTROL, TRAIL } from './seed-data';

/** Per catalog key: `filter + alarm` when both links read back as the enforcer writes them, else what does. */
export type FamilyReadBack = ReadonlyMap<string, string>;

/** Both links of a control read back as written. */
export const BOTH = 'filter + alarm';

/** The filter by its default name, on its metric, with the default profile's canonical text. */
function filterHolds(spec: ControlSpec, filters: readonly MetricFilter[]): boolean {
  const { filterName, metricNamespace, metricName } = spec.defaults;
  const found = filters.filter((f) => f.filterName === filterName);
  const metric = found[0]?.metricTransformations?.[0];
  return (
    found.length === 1 &&
    found[0]?.filterPattern === spec.profiles.cis.canonical &&
    metric?.metricNamespace === metricNamespace &&
    metric.metricName === metricName
  );
}

/** The alarm by its default name, on the filter's metric, enabled, notifying the enforcer's topic. */
function alarmHolds(spec: ControlSpec, alarm: MetricAlarm | undefined): boolean {
  return (
    alarm?.Namespace === spec.defaults.metricNamespace &&
    alarm.MetricName === spec.defaults.metricName &&
    alarm.ActionsEnabled === true &&
    (alarm.AlarmActions ?? []).includes(CONTROL.topicArn)
  );
}

/** Reads the log group's filters (every page) and the fifteen alarms by name (one call). */
export async function readBackFamily(c: AccountClients): Promise<FamilyReadBack> {
  const filters: MetricFilter[] = [];
  const pages = paginateDescribeMetricFilters({ client: c.logs }, { logGroupName: TRAIL.logGroupName });
  for await (const page of pages) filters.push(...(page.metricFilters ?? []));
  const AlarmNames = CONTROL_SPECS.map((s) => s.defaults.alarmName);
  const alarms = (await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames }))).MetricAlarms ?? [];
  return new Map(
    CONTROL_SPECS.map((spec) => {
      const alarm = alarms.find((a) => a.AlarmName === spec.defaults.alarmName);
      const links = [filterHolds(spec, filters) && 'filter', alarmHolds(spec, alarm) && 'alarm'];
      return [spec.key, links.filter(Boolean).join(' + ') || 'neither'];
    }),
  );
}
