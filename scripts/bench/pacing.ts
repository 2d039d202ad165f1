import { API_BOUNDS, type Bound } from '../../src/aws/pace';
import { byOperation, type CallRecord } from './calls';
import type { CaseResult } from './table';

/**
 * Two recorded starts this close are counted in the same 1-second window. The pacing admits a request
 * and the recorder stamps it a moment later, in the SDK's middleware; that moment varies by a few
 * milliseconds, so starts exactly 1 s apart at admission may be recorded slightly closer.
 */
export const WINDOW_MS = 1_000;
export const STAMP_SLACK_MS = 10;

/** The most calls in flight at once (a call that ends when another starts does not overlap it). */
export function peakInFlight(calls: readonly CallRecord[]): number {
  const edges = calls.flatMap((c) => [
    { at: c.start, delta: 1 },
    { at: c.end, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let now = 0;
  let peak = 0;
  for (const edge of edges) {
    now += edge.delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** The most calls started within `windowMs - slackMs` of the first of them. */
export function peakPerWindow(
  calls: readonly CallRecord[],
  windowMs = WINDOW_MS,
  slackMs = STAMP_SLACK_MS,
): number {
  const starts = calls.map((c) => c.start).sort((a, b) => a - b);
  let peak = 0;
  let first = 0;
  starts.forEach((start, i) => {
    while ((starts[first] ?? start) <= start - (windowMs - slackMs)) first += 1;
    peak = Math.max(peak, i - first + 1);
  });
  return peak;
}

/** One API of a case: its calls per run and the worst peaks of any run, beside its pacing bound. */
export interface PacingRow {
  readonly api: string;
  readonly calls: number;
  readonly inFlight: number;
  readonly perSecond: number;
  readonly bound?: Bound;
}

const boundOf = (api: string): Bound | undefined =>
  Object.hasOwn(API_BOUNDS, api) ? API_BOUNDS[api as keyof typeof API_BOUNDS] : undefined;

/** Per API called in the case's first run: calls, and the highest peaks over every run. */
export function pacingRows(c: CaseResult): PacingRow[] {
  return byOperation(c.runs[0]?.calls ?? []).map(([api, calls]) => {
    const mine = c.runs.map((r) => r.calls.filter((x) => x.operation === api));
    return {
      api,
      calls,
      inFlight: Math.max(0, ...mine.map(peakInFlight)),
      perSecond: Math.max(0, ...mine.map((m) => peakPerWindow(m))),
      ...(boundOf(api) ? { bound: boundOf(api) } : {}),
    };
  });
}

/** True when no run exceeded any API's bound, in flight or per second. */
export function withinBounds(rows: readonly PacingRow[]): boolean {
  return rows.every(
    (r) => !r.bound || (r.inFlight <= r.bound.concurrency && r.perSecond <= r.bound.perSecond),
  );
}

const against = (peak: number, max?: number): string =>
  max === undefined ? `${peak}` : `${peak} ${peak <= max ? '≤' : '>'} ${max} ${peak <= max ? '✅' : '❌'}`;

/** The markdown table of a case's calls per API against the pacing bounds (src/aws/pace.ts, docs/quotas.md). */
export function pacingTable(c: CaseResult): string {
  const head = [
    '| API | calls per run | peak in flight | peak started in 1 s | bound: in flight / per second |',
    '|---|---|---|---|---|',
  ];
  const rows = pacingRows(c).map((r) => {
    const bound = r.bound ? `${r.bound.concurrency} / ${r.bound.perSecond}` : 'unpaced';
    const cells = [
      r.api,
      `${r.calls}`,
      against(r.inFlight, r.bound?.concurrency),
      against(r.perSecond, r.bound?.perSecond),
      bound,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [...head, ...rows].join('\n');
}
