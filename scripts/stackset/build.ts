/**
 * Builds the StackSet artifact: packages the service offline (scripts/lib/package.ts, lock-serialised),
 * transforms its template and writes the template, the zip and each region's code bucket policy to
 * `outDir`, which is emptied first.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageService } from '../lib/package';
import type { Artifact } from './code';
import type { Options } from './options';
import { PACKAGING_TIME } from './parameters';
import type { Template } from './template';
import { type StackSet, toStackSet } from './transform';

/** The template's file name in the output directory. */
export const TEMPLATE_FILE = 'cloudformation-template-stackset.json';

/** What was written, for the printed commands and the tests. */
export interface Built {
  readonly dir: string;
  readonly templateFile: string;
  readonly templateBytes: number;
  readonly service: string;
  readonly packagingRegion: string;
  readonly stackSet: StackSet;
  /** The zips, each with its file in `dir`. */
  readonly artifacts: readonly (Artifact & { readonly file: string })[];
  /** The packaged template, as `sls package` wrote it. */
  readonly packaged: Template;
  /** The values fixed at packaging (PACKAGING_TIME variables of the function), by variable. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Each region's bucket policy file, by region (written only with an organization id). */
  readonly bucketPolicies: Readonly<Record<string, string>>;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The partition of a region (S3 ARNs name it). */
export const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** The folder of a code key without its version: what the bucket policy lets read, for every version. */
const codeFolder = (key: string) => `${key.split('/').slice(0, -2).join('/')}/*`;

/**
 * The code bucket of one region lets the organization's principals read the enforcer's code, nothing
 * else: Lambda reads the code with the credentials of the member account's StackSet execution role.
 */
function bucketPolicy(region: string, bucket: string, keys: readonly string[], orgId: string): object {
  const folders = [...new Set(keys.map(codeFolder))];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OrganizationReadsEnforcerCode',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: folders.map((folder) => `arn:${partitionOf(region)}:s3:::${bucket}/${folder}`),
        Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } },
      },
    ],
  };
}

/** The literal values of the packaging-time variables of the template's functions. */
function fixedValues(template: Template): Record<string, string> {
  const fixed: Record<string, string> = {};
  for (const resource of Object.values(template.Resources)) {
    const variables = (resource.Properties?.Environment as { Variables?: Record<string, unknown> })
      ?.Variables;
    for (const [name, value] of Object.entries(variables ?? {}))
      if (name in PACKAGING_TIME && typeof value === 'string') fixed[name] = value;
  }
  return fixed;
}

/** Packages, transforms and writes the StackSet artifact into `outDir`. */
export function buildStackSet(outDir: string, options: Options): Built {
  const work = mkdtempSync(join(tmpdir(), 'cis-stackset-'));
  try {
    packageService(work, options.params);
    const packaged = readJson<Template>(join(work, 'cloudformation-template-update-stack.json'));
    const state = readJson<{ service: { service: string; provider: { region: string } } }>(
      join(work, 'serverless-state.json'),
    );
    const service = state.service.service;
    const packagingRegion = state.service.provider.region;
    const hashOf = (zip: string) => sha256(join(work, zip));
    const stackSet = toStackSet(packaged, {
      bucketPrefix: options.bucketPrefix,
      packagingRegion,
      service,
      hashOf,
    });
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const artifacts = stackSet.artifacts.map((a) => ({ ...a, file: join(outDir, a.zip) }));
    for (const a of artifacts) copyFileSync(join(work, a.zip), a.file);
    const templateFile = join(outDir, TEMPLATE_FILE);
    writeFileSync(templateFile, `${JSON.stringify(stackSet.template, null, 2)}\n`);
    const bucketPolicies: Record<string, string> = {};
    for (const region of options.orgId ? options.regions : []) {
      const bucket = `${options.bucketPrefix}-${region}`;
      const policy = bucketPolicy(
        region,
        bucket,
        artifacts.map((a) => a.key),
        options.orgId ?? '',
      );
      bucketPolicies[region] = join(outDir, `bucket-policy-${region}.json`);
      writeFileSync(bucketPolicies[region], `${JSON.stringify(policy, null, 2)}\n`);
    }
    const templateBytes = statSync(templateFile).size;
    const fixed = fixedValues(packaged);
    return {
      dir: outDir,
      templateFile,
      templateBytes,
      service,
      packagingRegion,
      stackSet,
      artifacts,
      packaged,
      fixed,
      bucketPolicies,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
