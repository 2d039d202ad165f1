import type { Artifact } from './bundle';
import { byOperation, type CallRecord, isWrite, rounds } from './calls';
import type { ColdResult } from './coldstart';
import { formatSpread, type Spread, spread } from './stats';

/** One measured run of the enforcer: its report status, wall time and every API call it made. */
export interface RunSample {
  readonly status: string;
  readonly wallMs: number;
  readonly calls: readonly CallRecord[];
}

/** A limit beside a measurement; `max` undefined means "reported, no target". */
export interface Limit {
  readonly max?: number;
  readonly note?: string;
}

/** A benchmark case with its targets and samples. */
export interface CaseResult {
  readonly name: string;
  readonly targets: { readonly calls: Limit; readonly writes: Limit; readonly rounds: Limit };
  readonly runs: readonly RunSample[];
}

/** Per-case numbers derived from the samples (call counts are per run; they should not vary). */
export interface CaseSummary {
  readonly calls: Spread;
  readonly writes: Spread;
  /** sns:Publish calls (the run's alert), counted among the writes too. */
  readonly alerts: Spread;
  readonly rounds: Spread;
  readonly wallMs: Spread;
  readonly statuses: string;
  readonly operations: string;
}

/** Derives counts, rounds and wall-time spread of a case. */
export function summarise(c: CaseResult): CaseSummary {
  const statuses = [...new Set(c.runs.map((r) => r.status))].join(', ');
  const first = c.runs[0]?.calls ?? [];
  return {
    calls: spread(c.runs.map((r) => r.calls.length)),
    writes: spread(c.runs.map((r) => r.calls.filter((x) => isWrite(x.operation)).length)),
    alerts: spread(c.runs.map((r) => r.calls.filter((x) => x.operation === 'Publish').length)),
    rounds: spread(c.runs.map((r) => rounds(r.calls))),
    wallMs: spread(c.runs.map((r) => r.wallMs)),
    statuses,
    operations: byOperation(first)
      .map(([op, n]) => (n > 1 ? `${op}×${n}` : op))
      .join(', '),
  };
}

/** `7` or `7–9` when the count varied between runs. */
function count(s: Spread): string {
  return s.min === s.max ? `${s.max}` : `${s.min}–${s.max}`;
}

/** The measurement against its target: `7 ≤ 8 ✅`, `12 > 11 ❌`, or the bare measurement. */
export function versus(s: Spread, limit: Limit): string {
  const note = limit.note ? ` (${limit.note})` : '';
  if (limit.max === undefined) return `${count(s)}${note}`;
  const met = s.max <= limit.max;
  return `${count(s)} ${met ? '≤' : '>'} ${limit.max} ${met ? '✅' : '❌'}${note}`;
}

/** True when every target of the case holds in every run. */
export function meets(c: CaseResult): boolean {
  const s = summarise(c);
  const ok = (x: Spread, l: Limit): boolean => l.max === undefined || x.max <= l.max;
  return ok(s.calls, c.targets.calls) && ok(s.writes, c.targets.writes) && ok(s.rounds, c.targets.rounds);
}

/** The markdown table of the API-call cases. */
export function casesTable(cases: readonly CaseResult[]): string {
  const head = [
    '| case | status | API calls | writes | sequential rounds | wall ms, median (p10–p90) | calls by operation |',
    '|---|---|---|---|---|---|---|',
  ];
  const rows = cases.map((c) => {
    const s = summarise(c);
    const cells = [
      `${c.name} (n=${c.runs.length})`,
      s.statuses,
      versus(s.calls, c.targets.calls),
      `${versus(s.writes, c.targets.writes)}${s.alerts.max > 0 ? `, incl. ${count(s.alerts)} alert` : ''}`,
      versus(s.rounds, c.targets.rounds),
      formatSpread(s.wallMs, 0),
      s.operations,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [...head, ...rows].join('\n');
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (s: Spread | undefined): string => (s ? `${formatSpread(s, 1)} (n=${s.n})` : '—');

/** The markdown table of bundle sizes, cold init and first run, one row per artifact. */
export function bundleTable(artifacts: readonly Artifact[], cold: ReadonlyMap<Artifact, ColdResult>): string {
  const head = [
    '| artifact | minified handler | zip | files loaded at init | cold init ms | first run ms | init + first run ms |',
    '|---|---|---|---|---|---|---|',
  ];
  const rows = artifacts.map((a) => {
    const c = cold.get(a);
    const zip = a.zipMeasured ? kb(a.zipBytes) : `≈ ${kb(a.zipBytes)}`;
    const status = c?.statuses ? ` ${c.statuses}` : '';
    const files = c ? `${c.modules}` : '—';
    const cells = [
      a.label,
      kb(a.bytes),
      zip,
      files,
      ms(c?.init),
      `${ms(c?.firstRun)}${status}`,
      ms(c?.total),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [...head, ...rows].join('\n');
}

/** `b ÷ a` of the medians of init, first run and both, e.g. for the external variant against the bundle. */
export function ratioLine(a: Artifact, b: Artifact, cold: ReadonlyMap<Artifact, ColdResult>): string {
  const ca = cold.get(a);
  const cb = cold.get(b);
  const ratio = (x?: Spread, y?: Spread): string => (x && y ? (y.median / x.median).toFixed(2) : '—');
  return (
    `${b.label} ÷ ${a.label}, medians: init ${ratio(ca?.init, cb?.init)}, ` +
    `first run ${ratio(ca?.firstRun, cb?.firstRun)}, init + first run ${ratio(ca?.total, cb?.total)}.`
  );
}
