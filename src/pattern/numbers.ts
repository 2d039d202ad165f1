/** Number literals beyond every double: `Number` reads them as ±Infinity, which the evaluator compares. */
const INFINITE: ReadonlyMap<number, string> = new Map([
  [Number.POSITIVE_INFINITY, '1e999'],
  [Number.NEGATIVE_INFINITY, '-1e999'],
]);

/**
 * Number texts, one per region the bounds cut the number line into: each bound, a value between
 * each pair of neighbours, one below and one above them all. None is in `taken` (the field's exact
 * string literals): a leading zero is added until it is not, which keeps the value.
 */
export function numberWitnesses(bounds: readonly number[], taken: ReadonlySet<string>): string[] {
  const points = [...new Set(bounds)].sort((a, b) => a - b);
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return [];
  const regions = [beyond(first, -1)];
  for (let i = 1; i < points.length; i++) {
    const middle = between(points[i - 1] as number, points[i] as number);
    if (middle !== undefined) regions.push(middle);
  }
  regions.push(beyond(last, 1));
  return [...points, ...regions].map((value) => textOf(value, taken));
}

function beyond(bound: number, direction: 1 | -1): number {
  const step = bound + direction;
  return direction * step > direction * bound ? step : direction * Number.POSITIVE_INFINITY;
}

function between(low: number, high: number): number | undefined {
  const middle = low / 2 + high / 2;
  return middle > low && middle < high ? middle : undefined;
}

/** `String` of a finite double is a number literal that reads back as the same double. */
function textOf(value: number, taken: ReadonlySet<string>): string {
  let text = INFINITE.get(value) ?? String(value);
  while (taken.has(text)) text = text.startsWith('-') ? `-0${text.slice(1)}` : `0${text}`;
  return text;
}
