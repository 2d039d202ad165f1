import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageService } from '../../scripts/lib/package';

/** A CloudFormation template as `sls package` writes it. */
export interface Template {
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }
  >;
}

/**
 * Packages the service offline (no credentials) into a temporary directory, with `params`
 * (`key=value`, as `--param`), and returns its template.
 */
export function packageTemplate(params: readonly string[] = []): Template {
  const dir = mkdtempSync(join(tmpdir(), 'cis-package-'));
  try {
    packageService(dir, params);
    const text = readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8');
    return JSON.parse(text) as Template;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pseudo parameters substituted when resolving `Fn::Sub`, as if deployed in this account and region. */
export const PSEUDO = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
};

/**
 * A template value as text: strings as they are, `Fn::Sub` with the pseudo parameters above, `Fn::GetAtt`
 * as `GetAtt:Resource.Attribute`, `Ref` as `Ref:Name`; anything else as its JSON (which matches nothing).
 */
export function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const fn = value as Record<string, unknown>;
  const sub = fn['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
      name in PSEUDO ? PSEUDO[name as keyof typeof PSEUDO] : whole,
    );
  }
  const getAtt = fn['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `GetAtt:${getAtt.join('.')}`;
  if (typeof fn.Ref === 'string') return `Ref:${fn.Ref}`;
  return JSON.stringify(value);
}

/** The resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): [string, Template['Resources'][string]][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** The one resource with this logical id (throws when absent, so an assertion cannot test nothing). */
export function resource(template: Template, id: string): Template['Resources'][string] {
  const found = template.Resources[id];
  if (!found) throw new Error(`the template has no resource ${id}`);
  return found;
}
