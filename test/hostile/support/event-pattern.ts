/**
 * The part of EventBridge pattern matching the enforcer's rule uses: a pattern object names fields; a
 * field's array lists accepted values, exact strings or `{ "exists": false }` (the field must be absent).
 * An event matches when every field the pattern names matches. Anything else in a pattern throws, so a
 * rule that grows new operators cannot be judged wrongly here.
 */
type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function matchesValue(accepted: readonly Json[], value: Json, present: boolean): boolean {
  return accepted.some((rule) => {
    if (typeof rule === 'string') return present && value === rule;
    if (isObject(rule) && Object.keys(rule).join() === 'exists') return rule.exists === present;
    throw new Error(`unsupported pattern element ${JSON.stringify(rule)}`);
  });
}

/** True when EventBridge would deliver `event` to a rule with `pattern`. */
export function matchesPattern(pattern: Json, event: Json): boolean {
  if (!isObject(pattern)) throw new Error('a pattern is an object');
  return Object.entries(pattern).every(([field, rule]) => {
    const present = isObject(event) && field in event;
    const value = isObject(event) ? event[field] : undefined;
    if (Array.isArray(rule)) return matchesValue(rule, value, present);
    return present && matchesPattern(rule, value);
  });
}
