/** Median and spread of a sample, in the sample's unit. */
export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, linearly interpolated between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

/** Median, p10, p90, min and max of the samples. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** `median (p10–p90)` with the given number of decimals. */
export function formatSpread(s: Spread, decimals = 0): string {
  const f = (x: number): string => x.toFixed(decimals);
  return `${f(s.median)} (${f(s.p10)}–${f(s.p90)})`;
}
