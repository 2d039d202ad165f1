/**
 * The command line of `npm run package:stackset`:
 *
 *   --bucket-prefix my-org-artifacts   (required) code buckets are my-org-artifacts-<region>
 *   --regions us-east-1,eu-west-1      target regions (default: us-east-1)
 *   --ou ou-ab12-cdef3456,…            target OUs (or the root r-…) for create-stack-instances
 *   --org-id o-abcdefghij              the organization allowed to read the code buckets
 *   --stack-set-name NAME              (default: the service name)
 *   --delegated-admin                  the commands run in a delegated administrator account
 *   --param key=value                  as for sls package; repeatable
 */

/** What the command was asked to build and print. */
export interface Options {
  readonly bucketPrefix: string;
  readonly regions: readonly string[];
  readonly ous: readonly string[];
  readonly orgId: string | undefined;
  readonly stackSetName: string | undefined;
  readonly delegatedAdmin: boolean;
  readonly params: readonly string[];
}

/** A command line that cannot be run, with every problem. */
export class UsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`npm run package:stackset -- --bucket-prefix <prefix> [options]:\n- ${problems.join('\n- ')}`);
    this.name = 'UsageError';
  }
}

/**
 * Bucket names are 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter
 * or digit (S3 "General purpose bucket naming rules"); 16 characters are left for `-<region>`.
 */
const BUCKET_PREFIX = /^[a-z0-9](?:[a-z0-9.-]{0,44}[a-z0-9])?$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
/** OrganizationalUnitIds accept OU ids and the root id (CloudFormation API, DeploymentTargets). */
const OU = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
/** StackSet names: letters, digits and hyphens, starting with a letter, at most 128 (CreateStackSet). */
const STACK_SET_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** `--param` keys refused here, with what to do instead. */
const REFUSED_PARAMS: Readonly<Record<string, string>> = {
  topicArn:
    'a topic ARN names one region: pass the StackSet parameter TopicArn instead (per account and region: create-stack-instances --parameter-overrides)',
};

const FLAGS = ['--bucket-prefix', '--regions', '--ou', '--org-id', '--stack-set-name', '--param'];

/** `--flag value` and `--flag=value` pairs, in order; `--delegated-admin` stands alone. */
function pairs(argv: readonly string[], problems: string[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag = '', inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg];
    if (flag === '--delegated-admin' && inline === undefined) found.push([flag, '']);
    else if (!FLAGS.includes(flag)) problems.push(`unknown argument ${arg}`);
    else if (inline !== undefined) found.push([flag, inline]);
    else if (i + 1 < argv.length) found.push([flag, argv[++i] ?? '']);
    else problems.push(`${flag} needs a value`);
  }
  return found;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Checks each value against its rule; pushes one problem per bad value. */
function check(values: readonly string[], rule: RegExp, what: string, problems: string[]): void {
  for (const value of values) if (!rule.test(value)) problems.push(`${JSON.stringify(value)} is not ${what}`);
}

/** Reads the command line; throws a UsageError naming every problem. */
export function parseOptions(argv: readonly string[]): Options {
  const problems: string[] = [];
  const given = pairs(argv, problems);
  const last = (flag: string) => given.filter(([f]) => f === flag).pop()?.[1];
  const params = given.filter(([f]) => f === '--param').map(([, v]) => v);
  const bucketPrefix = last('--bucket-prefix') ?? '';
  if (bucketPrefix === '') problems.push('--bucket-prefix is required');
  else check([bucketPrefix], BUCKET_PREFIX, 'a bucket name prefix (a-z, 0-9, . and -, at most 46)', problems);
  const regions = list(last('--regions') ?? 'us-east-1');
  check(regions, REGION, 'a region', problems);
  const ous = list(last('--ou'));
  check(ous, OU, 'an OU id (ou-…) or root id (r-…)', problems);
  const orgId = last('--org-id');
  check(orgId === undefined ? [] : [orgId], ORG_ID, 'an organization id (o-…)', problems);
  const stackSetName = last('--stack-set-name');
  check(stackSetName === undefined ? [] : [stackSetName], STACK_SET_NAME, 'a StackSet name', problems);
  for (const param of params) {
    const key = param.split('=')[0] ?? '';
    if (!param.includes('=')) problems.push(`--param ${param} is not key=value`);
    else if (key in REFUSED_PARAMS) problems.push(`--param ${key}: ${REFUSED_PARAMS[key]}`);
  }
  if (problems.length > 0) throw new UsageError(problems);
  const delegatedAdmin = given.some(([f]) => f === '--delegated-admin');
  return { bucketPrefix, regions, ous, orgId, stackSetName, delegatedAdmin, params };
}
