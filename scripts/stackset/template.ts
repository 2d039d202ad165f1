/**
 * The CloudFormation template shapes the StackSet transform reads and writes, and the tree walks it
 * needs: which values refer to a logical id, and a copy with one value replaced wherever it occurs.
 */
/** One resource of a template. */
export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Metadata?: Record<string, unknown>;
  Condition?: string;
}

/** One template parameter (only the fields this transform writes). */
export interface Parameter {
  Type: 'String';
  Default: string;
  Description: string;
  AllowedPattern?: string;
  ConstraintDescription?: string;
}

/** A CloudFormation template as `sls package` writes it, plus what the StackSet form adds. */
export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Parameters?: Record<string, Parameter>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: unknown }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of JSON data. */
export const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Whether two JSON values are equal, key order aside (jest's realms make prototype checks unreliable). */
export function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (!isRecord(a) || !isRecord(b)) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key], b[key]));
}

/** Whether `node` refers to logical id `id`: Ref, Fn::GetAtt, a `${id}` or `${id.Attr}` in Fn::Sub, DependsOn. */
export function refersTo(node: unknown, id: string): boolean {
  if (Array.isArray(node)) return node.some((item) => refersTo(item, id));
  if (!isRecord(node)) return false;
  if (node.Ref === id) return true;
  const getAtt = node['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === id) return true;
  if (typeof getAtt === 'string' && getAtt.split('.')[0] === id) return true;
  const sub = node['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string' && (text.includes(`\${${id}}`) || text.includes(`\${${id}.`))) return true;
  const dependsOn = node.DependsOn;
  if (dependsOn === id || (Array.isArray(dependsOn) && dependsOn.includes(id))) return true;
  return Object.values(node).some((value) => refersTo(value, id));
}

/** A deep copy of `node` with every value deep-equal to `from` replaced by `to`; `count` says how many. */
export function replaceValue(node: unknown, from: unknown, to: unknown): { value: unknown; count: number } {
  if (same(node, from)) return { value: copy(to), count: 1 };
  let count = 0;
  const visit = (child: unknown) => {
    const replaced = replaceValue(child, from, to);
    count += replaced.count;
    return replaced.value;
  };
  if (Array.isArray(node)) return { value: node.map(visit), count };
  if (!isRecord(node)) return { value: node, count };
  const value = Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
  return { value, count };
}

/** The path (`Resources.X.Properties…`) of each string in `node` that contains `text`. */
export function stringsContaining(node: unknown, text: string, path = ''): string[] {
  if (typeof node === 'string') return node.includes(text) ? [path] : [];
  if (Array.isArray(node)) return node.flatMap((item, i) => stringsContaining(item, text, `${path}[${i}]`));
  if (!isRecord(node)) return [];
  return Object.entries(node).flatMap(([key, child]) =>
    stringsContaining(child, text, path ? `${path}.${key}` : key),
  );
}

/** The resources of one type, by logical id. */
export const ofType = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);
