import type { AlarmView } from '../model';

/** `true` the message is delivered, `false` dropped, a string says why that cannot be told. */
export type Delivery = boolean | string;

/** A value the message is known to carry, or UNKNOWN (set at alarm time: state reason, timestamps). */
const UNKNOWN = Symbol('unknown');
type Known = string | number | boolean | null | readonly Known[] | { readonly [k: string]: Known };
type Field = Known | typeof UNKNOWN | undefined;

/**
 * The JSON body of a CloudWatch alarm's SNS notification on entering ALARM (CloudWatch User Guide,
 * "Using Amazon SNS topics with alarms": AlarmName, NewStateValue, Trigger.MetricName, …), with what the
 * alarm's settings fix; the fields only known when it fires are UNKNOWN.
 */
export function alarmNotification(alarm: AlarmView, arn: string, accountId: string): Record<string, Field> {
  return {
    AlarmName: alarm.name,
    AlarmDescription: alarm.description ?? null,
    AWSAccountId: accountId,
    AlarmArn: arn,
    NewStateValue: 'ALARM',
    OldStateValue: UNKNOWN,
    NewStateReason: UNKNOWN,
    StateChangeTime: UNKNOWN,
    Region: UNKNOWN,
    AlarmConfigurationUpdatedTimestamp: UNKNOWN,
    OKActions: [...alarm.okActions],
    AlarmActions: [...alarm.alarmActions],
    InsufficientDataActions: [...alarm.insufficientDataActions],
    Trigger: triggerOf(alarm),
  };
}

const triggerOf = (alarm: AlarmView): Known =>
  ({
    MetricName: alarm.metricName ?? null,
    Namespace: alarm.namespace ?? null,
    StatisticType: 'Statistic',
    Statistic: (alarm.statistic ?? '').toUpperCase(),
    Unit: alarm.unit ?? null,
    Dimensions: [],
    Period: alarm.period ?? null,
    EvaluationPeriods: alarm.evaluationPeriods ?? null,
    ComparisonOperator: alarm.comparisonOperator ?? null,
    Threshold: alarm.threshold ?? null,
    TreatMissingData: alarm.treatMissingData ?? null,
  }) as Known;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function numeric(conditions: unknown[], value: number): Delivery {
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const [op, bound] = [conditions[i], Number(conditions[i + 1])];
    const ok =
      op === '='
        ? value === bound
        : op === '<'
          ? value < bound
          : op === '<='
            ? value <= bound
            : op === '>'
              ? value > bound
              : op === '>='
                ? value >= bound
                : undefined;
    if (ok === undefined) return `numeric operator ${String(op)} is not evaluated`;
    if (!ok) return false;
  }
  return true;
}

/** One matcher of a key's list against one present scalar value. */
function matchOne(rule: unknown, value: Known): Delivery {
  if (!isObject(rule)) return rule === value;
  const [op, arg] = Object.entries(rule)[0] ?? [];
  const text = typeof value === 'string' ? value : undefined;
  switch (op) {
    case 'prefix':
      return text !== undefined && typeof arg === 'string' && text.startsWith(arg);
    case 'suffix':
      return text !== undefined && typeof arg === 'string' && text.endsWith(arg);
    case 'equals-ignore-case':
      return text !== undefined && typeof arg === 'string' && text.toLowerCase() === arg.toLowerCase();
    case 'numeric':
      return typeof value === 'number' && Array.isArray(arg) ? numeric(arg, value) : false;
    case 'anything-but': {
      const inner = Array.isArray(arg) ? arg.map((a) => matchOne(a, value)) : [matchOne(arg, value)];
      if (inner.some((r) => typeof r === 'string'))
        return 'anything-but of an operator that is not evaluated';
      return !inner.includes(true);
    }
    default:
      return `filter operator ${String(op)} is not evaluated`;
  }
}

/** A key's list of matchers (ORed) against the message's field at that key. */
function matchKey(rules: unknown, field: Field): Delivery {
  if (!Array.isArray(rules)) return 'filter policy value is not a list';
  if (field === UNKNOWN) return 'the filter tests a field only known when the alarm fires';
  const exists = rules.find((r) => isObject(r) && 'exists' in r) as { exists?: unknown } | undefined;
  if (field === undefined) return exists ? exists.exists === false : false;
  if (exists) return exists.exists === true;
  const values = Array.isArray(field) ? field : [field];
  let unknown: string | undefined;
  for (const rule of rules)
    for (const value of values) {
      const r = matchOne(rule, value as Known);
      if (r === true) return true;
      if (typeof r === 'string') unknown ??= r;
    }
  return unknown ?? false;
}

/** Every key of the policy (ANDed) must match; `$or` takes any of its sub-policies. */
export function matchPolicy(policy: unknown, message: Record<string, Field> | undefined): Delivery {
  if (!isObject(policy)) return 'filter policy is not an object';
  let unknown: string | undefined;
  for (const [key, rules] of Object.entries(policy)) {
    const result =
      key === '$or' && Array.isArray(rules)
        ? anyOf(rules.map((p) => matchPolicy(p, message)))
        : isObject(rules)
          ? nested(rules, message?.[key])
          : matchKey(rules, message?.[key]);
    if (result === false) return false;
    if (typeof result === 'string') unknown ??= result;
  }
  return unknown ?? true;
}

function nested(rules: Record<string, unknown>, field: Field): Delivery {
  if (field === UNKNOWN) return 'the filter tests a field only known when the alarm fires';
  return matchPolicy(rules, isObject(field) ? (field as Record<string, Field>) : undefined);
}

function anyOf(results: Delivery[]): Delivery {
  if (results.includes(true)) return true;
  return results.find((r) => typeof r === 'string') ?? false;
}

/**
 * Whether a subscription with this filter policy receives the alarm's notification. Alarm notifications
 * carry no message attributes, so the attributes scope (the default) is judged on none.
 */
export function deliversAlarm(
  filterPolicy: string | undefined,
  scope: string | undefined,
  body: Record<string, Field>,
): Delivery {
  if (!filterPolicy) return true;
  let policy: unknown;
  try {
    policy = JSON.parse(filterPolicy);
  } catch {
    return 'filter policy is not JSON';
  }
  return matchPolicy(policy, scope === 'MessageBody' ? body : {});
}
