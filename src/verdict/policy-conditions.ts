/** IAM Condition blocks evaluated for one request whose context is known: true, false, or unknown. */

/** The request context: key (lower case) → value; a key mapped to undefined is known to be absent. */
export type Context = ReadonlyMap<string, string | undefined>;

/** `true`/`false` when the block decides; a string says why it cannot be evaluated. */
export type Tri = boolean | string;

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));

/** IAM wildcard matching: `*` any run, `?` one character. */
export function globMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's').test(value);
}

type Match = (pattern: string, value: string) => boolean;

const BASE: Readonly<Record<string, Match>> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => globMatches(p, v, false),
  arnequals: (p, v) => globMatches(p, v, false),
  arnlike: (p, v) => globMatches(p, v, false),
};

const NEGATED: Readonly<Record<string, string>> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

function parseOperator(raw: string) {
  let op = raw.toLowerCase();
  const set = op.startsWith('foranyvalue:') ? 'any' : op.startsWith('forallvalues:') ? 'all' : undefined;
  if (set) op = op.slice(op.indexOf(':') + 1);
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  return { op, set, ifExists };
}

/** One operator on one key: a single-valued key is a set of one value. */
function evaluateKey(raw: string, key: string, expected: unknown, context: Context): Tri {
  const { op, set, ifExists } = parseOperator(raw);
  const name = key.toLowerCase();
  if (!context.has(name)) return `condition key ${key} is not known for this request`;
  const value = context.get(name);
  const patterns = asList(expected);
  if (op === 'null') {
    if (patterns.length !== 1 || !/^(true|false)$/i.test(patterns[0] ?? '')) return `Null ${patterns}`;
    return (value === undefined) === (patterns[0]?.toLowerCase() === 'true');
  }
  const negated = NEGATED[op];
  const match = op === 'bool' ? BASE.stringequalsignorecase : BASE[negated ?? op];
  if (!match) return `condition operator ${raw} is not evaluated`;
  if (value === undefined) {
    // IAM: a missing key matches IfExists, negated operators and ForAllValues; nothing else.
    return ifExists || negated !== undefined || set === 'all';
  }
  const any = patterns.some((p) => match(p, value));
  return negated ? !any : any;
}

/** A statement's Condition block: every operator and key must hold (AND); values of one key are ORed. */
export function evaluateConditions(condition: unknown, context: Context): Tri {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return 'Condition is not an object';
  let unknown: string | undefined;
  for (const [operator, block] of Object.entries(condition)) {
    if (typeof block !== 'object' || block === null) return `Condition ${operator} is not an object`;
    for (const [key, expected] of Object.entries(block)) {
      const result = evaluateKey(operator, key, expected, context);
      if (result === false) return false;
      if (typeof result === 'string') unknown ??= result;
    }
  }
  return unknown ?? true;
}
