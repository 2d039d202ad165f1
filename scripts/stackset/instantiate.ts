/**
 * A StackSet template as one instance would see it with given parameter values: parameters and
 * conditions evaluated the way CloudFormation does (Ref, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or,
 * Fn::Sub over parameters), pseudo parameters and resource references left as they are. Used to prove
 * that the StackSet template at its defaults is the packaged template.
 */
import type { Template } from './template';

type Values = Readonly<Record<string, string>>;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A condition expression's truth under `values`. */
function truth(expression: unknown, values: Values, conditions: Record<string, unknown>): boolean {
  const node = isRecord(expression) ? expression : {};
  const args = (key: string) => (node[key] as unknown[]).map((a) => evaluate(a, values, conditions));
  if ('Fn::Equals' in node) {
    const [a, b] = args('Fn::Equals');
    return JSON.stringify(a) === JSON.stringify(b);
  }
  const holds = (key: string) => (node[key] as unknown[]).map((a) => truth(a, values, conditions));
  if ('Fn::Not' in node) return !holds('Fn::Not')[0];
  if ('Fn::And' in node) return holds('Fn::And').every(Boolean);
  if ('Fn::Or' in node) return holds('Fn::Or').some(Boolean);
  if (typeof node.Condition === 'string') return truth(conditions[node.Condition], values, conditions);
  throw new Error(`unsupported condition ${JSON.stringify(expression)}`);
}

/** `${Name}` in a Fn::Sub text replaced where Name is a parameter or a map key with a text value. */
function substitute(text: string, values: Values, map: Record<string, unknown>): string {
  return text.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
    const local = map[name];
    if (typeof local === 'string') return local;
    return name in map ? whole : (values[name] ?? whole);
  });
}

function evaluateSub(sub: unknown, values: Values, conditions: Record<string, unknown>): unknown {
  if (typeof sub === 'string') return { 'Fn::Sub': substitute(sub, values, {}) };
  const [text, map] = sub as [string, Record<string, unknown>];
  const evaluated = evaluate(map, values, conditions) as Record<string, unknown>;
  const result = substitute(text, values, evaluated);
  const left = Object.fromEntries(Object.entries(evaluated).filter(([, v]) => typeof v !== 'string'));
  return { 'Fn::Sub': Object.keys(left).length === 0 ? result : [result, left] };
}

function evaluate(node: unknown, values: Values, conditions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => evaluate(item, values, conditions));
  if (!isRecord(node)) return node;
  if (typeof node.Ref === 'string' && node.Ref in values) return values[node.Ref];
  const choice = node['Fn::If'];
  if (Array.isArray(choice)) {
    const [condition, yes, no] = choice as [string, unknown, unknown];
    return evaluate(truth(conditions[condition], values, conditions) ? yes : no, values, conditions);
  }
  if ('Fn::Sub' in node) return evaluateSub(node['Fn::Sub'], values, conditions);
  return Object.fromEntries(
    Object.entries(node).map(([key, child]) => [key, evaluate(child, values, conditions)]),
  );
}

/**
 * The template one instance would get with `overrides` (parameter name → value; the others keep their
 * defaults), without Parameters and Conditions; throws on an unknown parameter.
 */
export function instantiate(template: Template, overrides: Values = {}): Template {
  const parameters = template.Parameters ?? {};
  for (const name of Object.keys(overrides))
    if (!(name in parameters)) throw new Error(`the template has no parameter ${name}`);
  const values = Object.fromEntries(
    Object.entries(parameters).map(([name, p]) => [name, overrides[name] ?? p.Default]),
  );
  const conditions = template.Conditions ?? {};
  const { Parameters: _parameters, Conditions: _conditions, ...rest } = template;
  return evaluate(rest, values, conditions) as Template;
}
