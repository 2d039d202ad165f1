/**
 * What the AWS-faithful layer knows about metric filters beyond the emulator: the settings moto 5.2.5
 * drops (applyOnTransformedLogs, fieldSelectionCriteria, emitSystemFieldDimensions), by region, log
 * group and filter name; and the log group questions both filter corrections ask.
 */
import { jsonCall } from './correction';
import { jsonError, readJson, type Send, succeeded, type WireAnswer, type WireRequest } from './wire';

/** The PutMetricFilter fields moto does not keep. */
export const DROPPED_FIELDS = [
  'applyOnTransformedLogs',
  'fieldSelectionCriteria',
  'emitSystemFieldDimensions',
] as const;

type Settings = Partial<Record<(typeof DROPPED_FIELDS)[number], unknown>>;

/** The dropped settings of every filter put through the layer. */
export class FilterSettings {
  private readonly byFilter = new Map<string, Settings>();

  private static key(region: string, group: string, name: string): string {
    return JSON.stringify([region, group, name]);
  }

  /** Remembers what `input` (a PutMetricFilter body) set; a put without them forgets the old ones. */
  put(region: string, input: Record<string, unknown>): void {
    const key = FilterSettings.key(region, String(input.logGroupName), String(input.filterName));
    const kept = Object.fromEntries(
      DROPPED_FIELDS.flatMap((f) => (input[f] === undefined ? [] : [[f, input[f]]])),
    );
    if (Object.keys(kept).length > 0) this.byFilter.set(key, kept);
    else this.byFilter.delete(key);
  }

  /** The settings of one filter ({} when none were set). */
  of(region: string, group: string, name: string): Settings {
    return this.byFilter.get(FilterSettings.key(region, group, name)) ?? {};
  }

  /** Forgets one filter, or every filter of a log group when `name` is omitted. */
  forget(region: string, group: string, name?: string): void {
    for (const key of [...this.byFilter.keys()]) {
      const [r, g, n] = JSON.parse(key) as [string, string, string];
      if (r === region && g === group && (name === undefined || n === name)) this.byFilter.delete(key);
    }
  }

  clear(): void {
    this.byFilter.clear();
  }
}

/** True when the log group exists (asked of the emulator with DescribeLogGroups, every page). */
export async function logGroupExists(like: WireRequest, emulator: Send, name: string): Promise<boolean> {
  let nextToken: unknown;
  do {
    const body = { logGroupNamePrefix: name, ...(nextToken ? { nextToken } : {}) };
    const out = await emulator(jsonCall(like, 'DescribeLogGroups', body));
    if (!succeeded(out)) return false;
    const page = readJson(out.body);
    const groups = (page.logGroups as { logGroupName?: string }[] | undefined) ?? [];
    if (groups.some((g) => g.logGroupName === name)) return true;
    nextToken = page.nextToken;
  } while (nextToken);
  return false;
}

/** CloudWatch Logs' answer to a call naming a log group that does not exist. */
export const noSuchLogGroup = (): WireAnswer =>
  jsonError(400, 'ResourceNotFoundException', 'The specified log group does not exist.');

/** Every filter of the log group as the emulator lists them (moto answers with one page). */
export async function emulatorFilters(
  like: WireRequest,
  emulator: Send,
  query: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const out = await emulator(jsonCall(like, 'DescribeMetricFilters', query));
  if (!succeeded(out)) return [];
  return (readJson(out.body).metricFilters as Record<string, unknown>[] | undefined) ?? [];
}
