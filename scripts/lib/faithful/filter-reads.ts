/**
 * DescribeMetricFilters as AWS answers it: ResourceNotFoundException for a log group that does not
 * exist (moto answers an empty list); `filterNamePrefix` only applies with `logGroupName` (moto
 * applies it alone); results ASCII-sorted by filter name, at most `limit` (default 50) a page with a
 * `nextToken` (moto answers everything in one page, in creation order); and each filter with the
 * settings it was put with (moto drops applyOnTransformedLogs, fieldSelectionCriteria,
 * emitSystemFieldDimensions). A query by metricName + metricNamespace without a log group is
 * answered by moto across every log group of the region, as on AWS.
 */
import { type FilterSettings, logGroupExists, noSuchLogGroup } from './filter-store';
import { jsonAnswer, readJson, regionOf, type Send, succeeded, type WireRequest, withJsonBody } from './wire';

/** AWS's largest and default page of DescribeMetricFilters. */
export const FILTER_PAGE = 50;

type Filter = Record<string, unknown>;

const byName = (a: Filter, b: Filter) => {
  const [x, y] = [String(a.filterName), String(b.filterName)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The position a nextToken of ours stands for (0 for none or one we did not issue). */
function offsetOf(token: unknown): number {
  const match = typeof token === 'string' ? /^faithful-(\d+)$/.exec(token) : null;
  return match?.[1] ? Number(match[1]) : 0;
}

/** The read half of the filter corrections, sharing `settings` with the writes. */
export function filterReads(settings: FilterSettings) {
  return {
    operations: ['logs:DescribeMetricFilters'],
    handle: async (r: WireRequest, next: Send, emulator: Send) => {
      const { nextToken, limit, ...query } = readJson(r.body);
      const group = typeof query.logGroupName === 'string' ? query.logGroupName : undefined;
      if (group !== undefined && !(await logGroupExists(r, emulator, group))) return noSuchLogGroup();
      if (group === undefined) delete query.filterNamePrefix;
      const out = await next(withJsonBody(r, query));
      if (!succeeded(out)) return out;
      const region = regionOf(r);
      const all = ((readJson(out.body).metricFilters as Filter[] | undefined) ?? [])
        .map((f) => ({ ...f, ...settings.of(region, String(f.logGroupName), String(f.filterName)) }))
        .sort(byName);
      const from = offsetOf(nextToken);
      const size = typeof limit === 'number' && limit > 0 ? Math.min(limit, FILTER_PAGE) : FILTER_PAGE;
      const page = all.slice(from, from + size);
      const more = from + size < all.length ? { nextToken: `faithful-${from + size}` } : {};
      return jsonAnswer({ metricFilters: page, ...more });
    },
  };
}
