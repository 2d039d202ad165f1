/**
 * `npm run package:stackset`: its command line, and the exact commands it prints (code buckets, one
 * upload per target region, a service-managed StackSet with auto-deployment, instances on OUs).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Built, buildStackSet } from '../../scripts/stackset/build';
import { rolloutText, shell, TEMPLATE_BODY_MAX } from '../../scripts/stackset/commands';
import { type Options, parseOptions, UsageError } from '../../scripts/stackset/options';

const ARGS = ['--bucket-prefix', 'my-org-artifacts', '--regions', 'us-east-1,eu-west-1'];
const OU = ['--ou', 'ou-ab12-cdef3456,r-ab12', '--org-id', 'o-abcdefghij'];

describe('the command line', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    const options = parseOptions([
      ...ARGS,
      ...OU,
      '--stack-set-name=cis',
      '--delegated-admin',
      '--param',
      'subscriptions=email:a@b.c',
      '--param=mode=detect',
    ]);
    expect(options).toEqual<Options>({
      bucketPrefix: 'my-org-artifacts',
      regions: ['us-east-1', 'eu-west-1'],
      ous: ['ou-ab12-cdef3456', 'r-ab12'],
      orgId: 'o-abcdefghij',
      stackSetName: 'cis',
      delegatedAdmin: true,
      params: ['subscriptions=email:a@b.c', 'mode=detect'],
    });
    expect(parseOptions(['--bucket-prefix', 'p']).regions).toEqual(['us-east-1']);
  });

  it.each<[string, string[], string]>([
    ['no bucket prefix', [], '--bucket-prefix is required'],
    ['a prefix S3 refuses', ['--bucket-prefix', 'My_Bucket'], '"My_Bucket" is not a bucket name prefix'],
    ['a prefix too long for -<region>', ['--bucket-prefix', 'a'.repeat(47)], 'is not a bucket name prefix'],
    ['a bad region', ['--bucket-prefix', 'p', '--regions', 'us-east-1,mars'], '"mars" is not a region'],
    ['a bad OU', ['--bucket-prefix', 'p', '--ou', 'engineering'], '"engineering" is not an OU id'],
    [
      'a topic ARN, which names one region',
      ['--bucket-prefix', 'p', '--param', 'topicArn=arn:aws:sns:us-east-1:123456789012:t'],
      'pass the StackSet parameter TopicArn',
    ],
    ['an unknown flag', ['--bucket-prefix', 'p', '--region', 'eu-west-1'], 'unknown argument --region'],
    ['a flag without its value', ['--bucket-prefix'], '--bucket-prefix needs a value'],
  ])('refuses %s', (_name, argv, problem) => {
    expect(() => parseOptions(argv)).toThrow(UsageError);
    expect(() => parseOptions(argv)).toThrow(problem);
  });
});

describe('the printed commands', () => {
  let dir: string;
  let built: Built;
  let options: Options;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cis-stackset-cli-'));
    options = parseOptions([...ARGS, ...OU]);
    built = buildStackSet(dir, options);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lines = (text: string) => text.split('\n').map((l) => l.trim());
  const file = (path: string) => relative(process.cwd(), path);
  const key = () => built.artifacts[0]?.key ?? 'no artifact';

  it('copies the zip to the bucket of each target region, under the key the template reads', () => {
    const text = lines(rolloutText(built, options));
    for (const region of options.regions) {
      expect(text).toContain(
        `aws s3 cp ${file(join(dir, 'cis-monitoring-enforcer.zip'))} s3://my-org-artifacts-${region}/${key()} --region ${region}`,
      );
    }
    expect(JSON.stringify(built.stackSet.template)).toContain(key());
  });

  it('creates a service-managed StackSet with auto-deployment and the named-IAM capability', () => {
    expect(lines(rolloutText(built, options))).toContain(
      `aws cloudformation create-stack-set --stack-set-name cis-monitoring-enforcer --template-body file://${file(built.templateFile)} --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false --capabilities CAPABILITY_NAMED_IAM --region us-east-1`,
    );
  });

  it('creates the instances on the OUs in every target region; a delegated administrator calls as one', () => {
    const instances =
      'aws cloudformation create-stack-instances --stack-set-name cis-monitoring-enforcer --deployment-targets OrganizationalUnitIds=ou-ab12-cdef3456,r-ab12 --regions us-east-1 eu-west-1 --operation-preferences RegionConcurrencyType=PARALLEL,MaxConcurrentPercentage=25,FailureTolerancePercentage=0';
    expect(lines(rolloutText(built, options))).toContain(`${instances} --region us-east-1`);
    const delegated = lines(rolloutText(built, { ...options, delegatedAdmin: true }));
    expect(delegated).toContain(`${instances} --call-as DELEGATED_ADMIN --region us-east-1`);
    expect(delegated.filter((l) => l.includes('--call-as DELEGATED_ADMIN'))).toHaveLength(3);
  });

  it("writes each region's bucket policy: the organization may read the code folder, nothing else", () => {
    const policy = JSON.parse(readFileSync(built.bucketPolicies['eu-west-1'] ?? '', 'utf8'));
    expect(policy.Statement).toEqual([
      {
        Sid: 'OrganizationReadsEnforcerCode',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: ['arn:aws:s3:::my-org-artifacts-eu-west-1/cis-monitoring-enforcer/prod/*'],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
      },
    ]);
    expect(key().startsWith('cis-monitoring-enforcer/prod/')).toBe(true);
  });

  it('says which settings are fixed at packaging and which are parameters', () => {
    const text = rolloutText(built, options);
    expect(text).toContain(
      `CONTROLS="" (empty: the enforcer's default): the role names exactly the selected controls' alarms`,
    );
    expect(text).toContain('TopicArn (default "")');
    expect(text).toContain('Subscriptions (default "")');
  });

  it('uploads a template too large to pass inline and passes its URL', () => {
    const large = { ...built, templateBytes: TEMPLATE_BODY_MAX + 1 };
    const text = lines(rolloutText(large, options));
    const url = `https://my-org-artifacts-us-east-1.s3.us-east-1.amazonaws.com/${key().replace(/[^/]+$/, 'template.json')}`;
    expect(text.find((l) => l.startsWith('aws cloudformation create-stack-set'))).toContain(
      `--template-url ${url}`,
    );
    const templateKey = key().replace(/[^/]+$/, 'template.json');
    expect(text).toContain(
      `aws s3 cp ${file(built.templateFile)} s3://my-org-artifacts-us-east-1/${templateKey} --region us-east-1`,
    );
    expect(text.join('\n')).not.toContain('--template-body');
  });

  it('quotes arguments a shell would read differently', () => {
    expect(shell('email:a@b.c')).toBe('email:a@b.c');
    expect(shell("my dir/it's")).toBe(`'my dir/it'\\''s'`);
  });
});
