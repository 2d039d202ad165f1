/**
 * One labelled generator per configuration variable: each draws the variable absent, valid or
 * invalid, and says which variable names a correct loadConfig must report for what it drew.
 */
import fc from 'fast-check';
import type { Config } from '../../../src/config';

type Env = Record<string, string | undefined>;

/** A drawn part of an environment, the variables it makes bad, and what the Config must then say. */
export interface Labelled {
  readonly env: Env;
  /** The variables a correct loadConfig names; a function when that depends on the whole environment. */
  readonly bad: readonly string[] | ((env: Env) => readonly string[]);
  readonly check?: (config: Config) => void;
}

export interface Variable {
  readonly names: readonly string[];
  readonly arbitrary: fc.Arbitrary<Labelled>;
}

const pad = (value: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '\t'), value, fc.constantFrom('', ' ', '\n')).map((t) => t.join(''));
const blank = fc.constantFrom(undefined, '', '  ');
/** Inserts a forbidden (never whitespace, which trimming would drop) character into a valid value. */
const spoil = (valid: fc.Arbitrary<string>, chars: string) =>
  fc
    .tuple(valid, fc.nat(), fc.constantFrom(...chars))
    .map(([v, at, c]) => v.slice(0, at % (v.length + 1)) + c + v.slice(at % (v.length + 1)));

/** A variable that is valid when absent, blank or drawn from `valid`, and must be named when `invalid`. */
function simple(
  name: string,
  valid: fc.Arbitrary<string>,
  invalid: fc.Arbitrary<string> | undefined,
  check: (config: Config, value: string | undefined) => void,
): Variable {
  const absent = blank.map(
    (v): Labelled => ({ env: { [name]: v }, bad: [], check: (c) => check(c, undefined) }),
  );
  const good = pad(valid).map(
    (v): Labelled => ({ env: { [name]: v }, bad: [], check: (c) => check(c, v.trim()) }),
  );
  if (!invalid) return { names: [name], arbitrary: fc.oneof(absent, good) };
  const wrong = invalid.map((v): Labelled => ({ env: { [name]: v }, bad: [name] }));
  return { names: [name], arbitrary: fc.oneof(absent, good, wrong) };
}

const REGIONS = [
  'us-east-1',
  'eu-west-2',
  'ap-southeast-3',
  'us-gov-west-1',
  'cn-north-1',
  'il-central-1',
  'eusc-de-east-1',
];
const region: Variable = {
  names: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
  arbitrary: fc.oneof(
    fc.tuple(pad(fc.constantFrom(...REGIONS)), fc.option(fc.string(), { nil: undefined })).map(
      ([r, d]): Labelled => ({
        env: { AWS_REGION: r, AWS_DEFAULT_REGION: d },
        bad: [],
        check: (c) => expect(c.region).toBe(r.trim()),
      }),
    ),
    fc.constantFrom(...REGIONS).map((r): Labelled => ({ env: { AWS_DEFAULT_REGION: r }, bad: [] })),
    fc
      .constantFrom('US-EAST-1', 'useast1', 'us-east', 'moon-1', ' ', 'eu-west-1a')
      .map((r): Labelled => ({ env: { AWS_REGION: r }, bad: ['AWS_REGION'] })),
    fc
      .constantFrom('Frankfurt', 'eu_west_1')
      .map((r): Labelled => ({ env: { AWS_DEFAULT_REGION: r }, bad: ['AWS_DEFAULT_REGION'] })),
    fc.constant<Labelled>({ env: {}, bad: ['AWS_REGION'] }),
  ),
};

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.\-/#]{0,40}$/);
const long = (n: number) => fc.constant('a'.repeat(n));
const is =
  (pick: (c: Config) => unknown, fallback: unknown, normalise = (v: string): unknown => v) =>
  (c: Config, v: string | undefined) =>
    expect(pick(c)).toBe(v === undefined ? fallback : normalise(v));

const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
/** The region loadConfig takes, when it is a valid one. */
const validRegion = (env: Env): string | undefined => {
  const region = (env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? '').trim();
  return REGION_SHAPE.test(region) ? region : undefined;
};
/** Stands for the environment's own region in a drawn topic ARN (a topic must be in the enforcer's region). */
const HERE = '{region}';

/** The environment with HERE replaced by its region (us-east-1 when the region is not valid). */
export function resolveRegion(env: Env): Env {
  const arn = env.TOPIC_ARN;
  return arn === undefined ? env : { ...env, TOPIC_ARN: arn.replace(HERE, validRegion(env) ?? 'us-east-1') };
}

const topicName = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const topicArn = fc
  .tuple(fc.stringMatching(/^\d{12}$/), topicName)
  .map(([a, n]) => `arn:aws:sns:${HERE}:${a}:${n}`);
const topic: Variable = {
  names: ['TOPIC_NAME', 'TOPIC_ARN'],
  arbitrary: fc.oneof(
    fc.constant<Labelled>({
      env: {},
      bad: [],
      check: (c) => expect(c.topic).toEqual({ kind: 'name', name: 'cis-monitoring-alarms' }),
    }),
    pad(topicName).map(
      (n): Labelled => ({
        env: { TOPIC_NAME: n },
        bad: [],
        check: (c) => expect(c.topic).toEqual({ kind: 'name', name: n.trim() }),
      }),
    ),
    pad(topicArn).map(
      (a): Labelled => ({
        env: { TOPIC_ARN: a },
        bad: [],
        check: (c) => expect(c.topic).toEqual({ kind: 'arn', arn: a.trim().replace(HERE, c.region) }),
      }),
    ),
    fc
      .oneof(spoil(topicName, '.:/*?'), long(257))
      .map((n): Labelled => ({ env: { TOPIC_NAME: n }, bad: ['TOPIC_NAME'] })),
    fc
      .oneof(
        spoil(topicArn, '*/'),
        topicName.map((n) => `arn:aws:sqs:us-east-1:123456789012:${n}`),
      )
      .map((a): Labelled => ({ env: { TOPIC_ARN: a }, bad: ['TOPIC_ARN'] })),
    // In another region than the enforcer's: named whenever the enforcer's region is itself valid.
    topicName.map(
      (n): Labelled => ({
        env: { TOPIC_ARN: `arn:aws:sns:eu-north-1:123456789012:${n}` },
        bad: (env) => (validRegion(env) ? ['TOPIC_ARN'] : []),
      }),
    ),
    fc
      .tuple(topicName, topicArn)
      .map(([n, a]): Labelled => ({ env: { TOPIC_NAME: n, TOPIC_ARN: a }, bad: ['TOPIC_ARN'] })),
  ),
};

const ENDPOINTS: Record<string, fc.Arbitrary<string>> = {
  email: fc.emailAddress(),
  'email-json': fc.emailAddress(),
  // A comma separates entries, so it cannot appear inside one.
  https: fc.webUrl({ validSchemes: ['https'] }).filter((u) => !u.includes(',')),
  http: fc.webUrl({ validSchemes: ['http'] }).filter((u) => !u.includes(',')),
  sqs: topicName.map((n) => `arn:aws:sqs:eu-west-1:123456789012:${n}`),
  lambda: topicName.map((n) => `arn:aws:lambda:eu-west-1:123456789012:function:${n}`),
  sms: fc.stringMatching(/^\+\d{6,15}$/),
};
const goodEntry = fc.oneof(...Object.entries(ENDPOINTS).map(([p, e]) => e.map((v) => `${p}:${v}`)));
const badEntry = fc.constantFrom(
  'ftp:ftp://x',
  'security-team',
  'email:nobody',
  'https:http://x.example',
  'sms:12',
  'sqs:queue',
);
const join = (entries: fc.Arbitrary<string[]>) =>
  fc.tuple(entries, fc.constantFrom(',', ', ', ' ,')).map(([e, sep]) => e.join(sep));
const subscriptions: Variable = {
  names: ['SUBSCRIPTIONS'],
  arbitrary: fc.oneof(
    join(fc.array(goodEntry, { maxLength: 4 })).map(
      (s): Labelled => ({
        env: { SUBSCRIPTIONS: s },
        bad: [],
        check: (c) => expect(c.subscriptions.length).toBeLessThanOrEqual(4),
      }),
    ),
    join(fc.tuple(fc.array(goodEntry, { maxLength: 2 }), badEntry).map(([g, b]) => [...g, b])).map(
      (s): Labelled => ({ env: { SUBSCRIPTIONS: s }, bad: ['SUBSCRIPTIONS'] }),
    ),
  ),
};

const choice = (
  name: string,
  allowed: readonly string[],
  wrong: readonly string[],
  pick: (c: Config) => unknown,
  fallback: string,
  normalise?: (v: string) => string,
) => simple(name, fc.constantFrom(...allowed), fc.constantFrom(...wrong), is(pick, fallback, normalise));

/** A true/false variable (any case); anything else must be named. */
const boolean = (name: string, fallback: boolean, pick: (c: Config) => boolean) =>
  simple(
    name,
    fc.constantFrom('true', 'false', 'TRUE', 'False'),
    fc.constantFrom('yes', '1', '0', 'no', 'on'),
    (c, v) => expect(pick(c)).toBe(v === undefined ? fallback : v.toLowerCase() === 'true'),
  );

/** CONTROLS values that select several controls, the security group control first (its names stay the defaults checked). */
const SEVERAL = ['4.10 4.11', 'CloudWatch.10,CloudWatch.14', ' security-group-changes, vpc-changes '];
const selectsSeveral = (env: Env): boolean => SEVERAL.includes(env.CONTROLS ?? '');

const controls: Variable = {
  names: ['CONTROLS'],
  arbitrary: fc.oneof(
    fc
      .constantFrom(
        undefined,
        '',
        'security-group-changes',
        '4.10',
        'CloudWatch.10',
        ' cloudwatch.10 ',
        '3.10',
        '5.10',
      )
      .map(
        (v): Labelled => ({
          env: { CONTROLS: v },
          bad: [],
          check: (c) => expect(c.controls).toHaveLength(1),
        }),
      ),
    fc.constantFrom(...SEVERAL).map(
      (v): Labelled => ({
        env: { CONTROLS: v },
        bad: [],
        check: (c) => expect(c.controls).toHaveLength(2),
      }),
    ),
    fc
      .constantFrom('4.16', 'bogus', 'all, 4.3', 'CloudWatch.15', '__proto__')
      .map((v): Labelled => ({ env: { CONTROLS: v }, bad: ['CONTROLS'] })),
  ),
};

/** A name only one control can have: also bad when it is set and CONTROLS selects several. */
function oneControl(variable: Variable): Variable {
  const [name = ''] = variable.names;
  return {
    names: variable.names,
    arbitrary: variable.arbitrary.map(
      (drawn): Labelled => ({
        ...drawn,
        bad: (env) => {
          const own = typeof drawn.bad === 'function' ? drawn.bad(env) : drawn.bad;
          const set = (env[name] ?? '').trim() !== '';
          return set && selectsSeveral(env) ? [...new Set([...own, name])] : own;
        },
      }),
    ),
  };
}

/** Every variable loadConfig reads, with its generators. */
export const VARIABLES: readonly Variable[] = [
  region,
  topic,
  subscriptions,
  controls,
  simple(
    'LOG_GROUP_NAME',
    word,
    fc.oneof(spoil(word, ':*$'), long(513)),
    is((c) => c.logGroupName, undefined),
  ),
  oneControl(
    simple(
      'FILTER_NAME',
      word,
      fc.oneof(spoil(word, ':*?'), long(513)),
      is((c) => c.filterName, 'CIS-4.10-SecurityGroupChanges'),
    ),
  ),
  simple(
    'METRIC_NAMESPACE',
    word,
    fc.oneof(spoil(word, ':$*'), long(256)),
    is((c) => c.metricNamespace, 'CISBenchmark'),
  ),
  oneControl(
    simple(
      'METRIC_NAME',
      word,
      fc.oneof(spoil(word, ':$*'), long(256)),
      is((c) => c.metricName, 'SecurityGroupEventCount'),
    ),
  ),
  oneControl(
    simple(
      'ALARM_NAME',
      // Any printable text, colons included; control characters and IAM wildcards (*, ?, ${…}) are not.
      fc.stringMatching(/^[A-Za-z0-9][^\p{Cc}*?]{0,100}$/u).filter((v) => !v.includes('$' + '{')),
      fc.oneof(spoil(word, '\u0000\u0007\u001b\u007f*?'), long(256)),
      is((c) => c.alarmName, 'CIS-4.10-SecurityGroupChanges'),
    ),
  ),
  choice(
    'PATTERN_PROFILE',
    ['cis-v1.2', 'cis', 'cis-v5', 'securityhub'],
    ['CIS', 'cis-v4', 'v5', 'strict', 'cis-v1.3'],
    (c) => c.patternProfile,
    'cis',
  ),
  choice('MODE', ['enforce', 'detect'], ['Enforce', 'dry-run', 'repair', 'off'], (c) => c.mode, 'enforce'),
  choice(
    'EXISTING_CHAINS',
    ['adopt', 'ignore'],
    ['Adopt', 'build', 'duplicate'],
    (c) => c.existingChains,
    'adopt',
  ),
  boolean('HEAL_TRAIL_LOGGING', true, (c) => c.healTrailLogging),
  boolean('VERIFY_WITH_TEST_METRIC_FILTER', false, (c) => c.verifyWithTestMetricFilter),
  choice(
    'LOG_LEVEL',
    ['debug', 'INFO', 'Warn', 'error', 'SILENT'],
    ['verbose', 'loud', 'INF0'],
    (c) => c.logLevel,
    'INFO',
    (v) => v.toUpperCase(),
  ),
  simple(
    'ENFORCER_METRICS_NAMESPACE',
    word,
    fc.oneof(spoil(word, ':$*'), long(256)),
    is((c) => c.metricsNamespace, 'CISMonitoringEnforcer'),
  ),
  simple(
    'ENFORCER_ROLE_ARN',
    fc
      .tuple(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[\w+=,.@-]{1,64}$/))
      .map(([account, name]) => `arn:aws:iam::${account}:role/${name}`),
    fc.oneof(word, spoil(fc.constant('arn:aws:iam::123456789012:role/enforcer'), '*?')),
    is((c) => c.ownRole?.arn, undefined),
  ),
];
