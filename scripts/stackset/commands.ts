/**
 * The text `npm run package:stackset` prints: what was built, what is fixed and what is a parameter,
 * and the exact AWS CLI commands that roll it out (code buckets, code upload per region, a
 * service-managed StackSet with auto-deployment, its instances on the OUs and regions).
 */
import { relative } from 'node:path';
import type { Built } from './build';
import type { Options } from './options';
import { PACKAGING_TIME } from './parameters';

/** CreateStackSet takes a TemplateBody of at most 51,200 bytes, else a TemplateURL (CloudFormation API). */
export const TEMPLATE_BODY_MAX = 51_200;

const SAFE = /^[\w@%+=:,./-]+$/;
/** One argument as a POSIX shell reads it back unchanged. */
export const shell = (arg: string) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
const line = (...args: string[]) => `  ${args.map(shell).join(' ')}`;

const path = (file: string) => relative(process.cwd(), file) || '.';

/** Creating each region's bucket (us-east-1 takes no location constraint) and, with an org id, its policy. */
function bucketLines(built: Built, options: Options): string[] {
  return options.regions.flatMap((region) => {
    const bucket = `${options.bucketPrefix}-${region}`;
    const where =
      region === 'us-east-1' ? [] : ['--create-bucket-configuration', `LocationConstraint=${region}`];
    const policy = built.bucketPolicies[region];
    const policyLine = policy
      ? line(
          'aws',
          's3api',
          'put-bucket-policy',
          '--bucket',
          bucket,
          '--region',
          region,
          '--policy',
          `file://${path(policy)}`,
        )
      : `  (give ${bucket} a policy letting your organization s3:GetObject the code: re-run with --org-id o-… to have it written)`;
    return [
      line('aws', 's3api', 'create-bucket', '--bucket', bucket, '--region', region, ...where),
      policyLine,
    ];
  });
}

const copyLines = (built: Built, options: Options) =>
  options.regions.flatMap((region) =>
    built.artifacts.map((a) =>
      line(
        'aws',
        's3',
        'cp',
        path(a.file),
        `s3://${options.bucketPrefix}-${region}/${a.key}`,
        '--region',
        region,
      ),
    ),
  );

/** The template argument: inline when it fits, else uploaded beside the code of the first region. */
function templateArgs(built: Built, options: Options, home: string): { args: string[]; upload: string[] } {
  if (built.templateBytes <= TEMPLATE_BODY_MAX)
    return { args: ['--template-body', `file://${path(built.templateFile)}`], upload: [] };
  const key = `${built.artifacts[0]?.key.split('/').slice(0, -1).join('/')}/template.json`;
  const bucket = `${options.bucketPrefix}-${home}`;
  return {
    args: ['--template-url', `https://${bucket}.s3.${home}.amazonaws.com/${key}`],
    upload: [line('aws', 's3', 'cp', path(built.templateFile), `s3://${bucket}/${key}`, '--region', home)],
  };
}

/** What is fixed at packaging and which parameters the template takes, with their defaults. */
function settingsLines(built: Built): string[] {
  const fixed = Object.entries(built.fixed).map(
    ([name, value]) =>
      `  ${name}=${JSON.stringify(value)}${value === '' ? " (empty: the enforcer's default)" : ''}: ${PACKAGING_TIME[name]}`,
  );
  const parameters = Object.entries(built.stackSet.template.Parameters ?? {}).map(
    ([name, p]) => `  ${name} (default ${JSON.stringify(p.Default)})`,
  );
  return [
    'Fixed when packaging (change with --param, e.g. --param controls=all, and package again):',
    ...fixed,
    'Template parameters (create-stack-set --parameters ParameterKey=K,ParameterValue=V; per account and region: create-stack-instances --parameter-overrides):',
    ...parameters,
  ];
}

/** What every CloudFormation command shares: the StackSet, where it runs, as whom. */
interface Target {
  readonly name: string;
  readonly home: string;
  readonly callAs: readonly string[];
  readonly template: { args: string[]; upload: string[] };
}

const CREATE = [
  '--permission-model',
  'SERVICE_MANAGED',
  '--auto-deployment',
  'Enabled=true,RetainStacksOnAccountRemoval=false',
];
/** Regions in parallel, a quarter of the accounts at a time, stop at the first failure. */
const PACE = [
  '--operation-preferences',
  'RegionConcurrencyType=PARALLEL,MaxConcurrentPercentage=25,FailureTolerancePercentage=0',
];

/** create-stack-set or update-stack-set with the template, the named-IAM capability and `extra`. */
const stackSetLine = (verb: string, t: Target, extra: readonly string[]) =>
  line(
    'aws',
    'cloudformation',
    verb,
    '--stack-set-name',
    t.name,
    ...t.template.args,
    ...extra,
    '--capabilities',
    'CAPABILITY_NAMED_IAM',
    ...t.callAs,
    '--region',
    t.home,
  );

/** create-stack-instances on the OUs (a placeholder without --ou) in every target region. */
function instancesLine(t: Target, options: Options): string {
  const ous = options.ous.length > 0 ? options.ous.join(',') : 'ou-REPLACE-ME';
  const targets = ['--deployment-targets', `OrganizationalUnitIds=${ous}`, '--regions', ...options.regions];
  return line(
    'aws',
    'cloudformation',
    'create-stack-instances',
    '--stack-set-name',
    t.name,
    ...targets,
    ...PACE,
    ...t.callAs,
    '--region',
    t.home,
  );
}

/** update-stack-set keeping every parameter's value (a parameter new in this version needs ParameterValue). */
function updateLine(built: Built, t: Target): string {
  const keep = Object.keys(built.stackSet.template.Parameters ?? {}).map(
    (k) => `ParameterKey=${k},UsePreviousValue=true`,
  );
  return stackSetLine('update-stack-set', t, keep.length > 0 ? ['--parameters', ...keep] : []);
}

/** The whole printed text. */
export function rolloutText(built: Built, options: Options): string {
  const home = options.regions[0] ?? built.packagingRegion;
  const callAs = options.delegatedAdmin ? ['--call-as', 'DELEGATED_ADMIN'] : [];
  const t: Target = {
    name: options.stackSetName ?? built.service,
    home,
    callAs,
    template: templateArgs(built, options, home),
  };
  const placeholder = options.ous.length > 0 ? '' : ' (replace ou-REPLACE-ME, or re-run with --ou)';
  return [
    `StackSet template: ${path(built.templateFile)} (${built.templateBytes} bytes)`,
    ...built.artifacts.map((a) => `Code: ${path(a.file)} -> s3://${options.bucketPrefix}-<region>/${a.key}`),
    '',
    ...settingsLines(built),
    '',
    '1. Once per region, a code bucket in the account that runs the StackSet (management or delegated administrator):',
    ...bucketLines(built, options),
    "2. The code, in every target region (Lambda reads it from a bucket in the function's region):",
    ...copyLines(built, options),
    ...t.template.upload,
    '3. The StackSet: service-managed, deployed automatically to accounts that join the target OUs:',
    stackSetLine('create-stack-set', t, CREATE),
    `4. Its instances${placeholder}; StackSets never deploy to the management account itself:`,
    instancesLine(t, options),
    'Later versions: package again, repeat step 2, then (a parameter new in this version takes ParameterValue instead):',
    updateLine(built, t),
  ].join('\n');
}
