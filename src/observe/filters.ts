import {
  DescribeMetricFiltersCommand,
  type MetricFilter,
  type MetricTransformation,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { FilterView, MetricTransformationView } from '../model';
import type { MetricRef } from '../verdict/types';

/**
 * IAM grant of the by-metric read. Without a log group, IAM authorises DescribeMetricFilters on
 * `arn:…:logs:<region>:<account>:log-group::log-stream:`, which the log-group grant (`log-group:*`) covers.
 */
export const FEEDER_GRANTS = grants('logGroup', 'logs:DescribeMetricFilters');

const FEEDER_STEP = 'observe metric feeders';

/** Maps the SDK shape to the plan's view of a filter: every setting that changes what its metric counts. */
export function toFilterView(filter: MetricFilter): FilterView {
  const criteria = filter.fieldSelectionCriteria;
  const systemDimensions = filter.emitSystemFieldDimensions ?? [];
  return {
    name: filter.filterName ?? '',
    pattern: filter.filterPattern ?? '',
    transformations: (filter.metricTransformations ?? []).map(toTransformationView),
    ...(filter.logGroupName !== undefined ? { logGroupName: filter.logGroupName } : {}),
    ...(filter.applyOnTransformedLogs ? { applyOnTransformedLogs: true } : {}),
    ...(criteria ? { fieldSelectionCriteria: criteria } : {}),
    ...(systemDimensions.length > 0 ? { emitSystemFieldDimensions: systemDimensions } : {}),
  };
}

function toTransformationView(t: MetricTransformation): MetricTransformationView {
  const dimensions = t.dimensions ?? {};
  const hasDimensions = Object.keys(dimensions).length > 0;
  return {
    metricNamespace: t.metricNamespace ?? '',
    metricName: t.metricName ?? '',
    metricValue: t.metricValue ?? '',
    ...(typeof t.defaultValue === 'number' ? { defaultValue: t.defaultValue } : {}),
    hasDimensions,
    ...(hasDimensions ? { dimensions } : {}),
    ...(t.unit !== undefined ? { unit: t.unit } : {}),
  };
}

/**
 * Every metric filter of the region, on any log group, writing to `metric`: one DescribeMetricFilters
 * by metric name and namespace (no log group), every page. Throws an AwsCallError on failure.
 */
export async function readMetricFeeders(clients: Clients, metric: MetricRef): Promise<FilterView[]> {
  const input = { metricName: metric.name, metricNamespace: metric.namespace };
  const found: FilterView[] = [];
  await attempt(
    FEEDER_STEP,
    'logs:DescribeMetricFilters',
    `log-group:* (by metric ${metric.namespace}/${metric.name})`,
    async () => {
      for await (const page of paginateDescribeMetricFilters({ client: clients.logs }, input)) {
        found.push(...(page.metricFilters ?? []).map(toFilterView));
      }
    },
  );
  return found;
}

/** The filters writing to a metric as read, or why the read failed. */
export type FeedersRead = { readonly filters: readonly FilterView[] } | { readonly error: StepError };

/**
 * The first page of every metric filter of the region (DescribeMetricFilters with no parameter, up to
 * 50, AWS's largest page). When it is the only page it holds every filter of the region, so every
 * metric's feeders are known from this one call; otherwise each metric is read by name. It needs
 * nothing from discovery, so a run sends it in its first round.
 */
export interface RegionFilters {
  /** Every filter of the region, when one page held them all; undefined otherwise or when the read failed. */
  readonly all?: readonly FilterView[];
}

const REGION_PAGE = 50;

/** Reads the region's first page of metric filters; never rejects (a failure means "read by metric"). */
export async function readRegionFilters(clients: Clients): Promise<RegionFilters> {
  try {
    const out = await clients.logs.send(new DescribeMetricFiltersCommand({ limit: REGION_PAGE }));
    return out.nextToken ? {} : { all: (out.metricFilters ?? []).map(toFilterView) };
  } catch {
    return {};
  }
}

const writesTo = (filter: FilterView, metric: MetricRef): boolean =>
  filter.transformations.some((t) => t.metricNamespace === metric.namespace && t.metricName === metric.name);

/**
 * Every filter of the region writing to `metric`, or why they could not be read; never rejects. From
 * the region's one page when it held every filter, else one DescribeMetricFilters by metric.
 */
export async function readFeeders(
  clients: Clients,
  metric: MetricRef,
  region?: Promise<RegionFilters>,
): Promise<FeedersRead> {
  const all = (await region)?.all;
  if (all) return { filters: all.filter((f) => writesTo(f, metric)) };
  return readMetricFeeders(clients, metric).then(
    (filters) => ({ filters }),
    (error: unknown) => ({ error: toStepError(FEEDER_STEP, error) }),
  );
}

/** What a feeders read adds to an observation: the filters, or the failed read among its errors. */
export function withFeeders<T extends { readonly errors: readonly StepError[] }>(
  observation: T,
  read: FeedersRead,
): T & { readonly feeders?: readonly FilterView[] } {
  if ('error' in read) return { ...observation, errors: [...observation.errors, read.error] };
  return { ...observation, feeders: read.filters };
}
