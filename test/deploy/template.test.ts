import { CLIENT_LIMITS } from '../../src/aws/clients';
import { declaredGrants } from '../../src/aws/permissions';
import { CATALOG } from '../../src/catalog';
import { alarmArn, expectedPairs, grantProblems, STAR_ONLY_ACTIONS, type Statement } from './role';
import { packageTemplate, resolve, resource, resourcesOf, type Template } from './template';

// One offline `sls package` for the whole file (a few seconds).
let template: Template;
beforeAll(() => {
  template = packageTemplate();
}, 120_000);

const props = (id: string, from = template) => resource(from, id).Properties ?? {};
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms';
const ALARM = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:CIS-4.10-SecurityGroupChanges';
/** The actions the role grants on each of the enforcer's alarms only (lower case, as grantProblems names them). */
const OUR_ALARM_ACTIONS = [
  'describealarms',
  'putmetricalarm',
  'tagresource',
  'describealarmhistory',
  'setalarmstate',
];
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const roleStatements = (from: Template): Statement[] =>
  (
    props('IamRoleLambdaExecution', from).Policies as { PolicyDocument: { Statement: Statement[] } }[]
  ).flatMap((p) => p.PolicyDocument.Statement);
const variables = (from: Template): Record<string, unknown> =>
  (props('ReconcileLambdaFunction', from).Environment as { Variables: Record<string, unknown> }).Variables;
/** The resources of the one statement that grants cloudwatch:PutMetricAlarm, resolved. */
const alarmResources = (from: Template): string[] => {
  const granting = roleStatements(from).filter((s) => list(s.Action).includes('cloudwatch:PutMetricAlarm'));
  expect(granting).toHaveLength(1);
  return list(granting[0]?.Resource).map(resolve);
};

describe('the packaged role grants exactly what the code declares', () => {
  it('has one role, assumed by Lambda only, with inline statements only', () => {
    expect(resourcesOf(template, 'AWS::IAM::Role').map(([id]) => id)).toEqual(['IamRoleLambdaExecution']);
    expect(resourcesOf(template, 'AWS::IAM::Policy')).toEqual([]);
    expect(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).toEqual([]);
    const role = props('IamRoleLambdaExecution');
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
      ],
    });
  });

  it('grants the union of the declared grants and the stack infrastructure, scoped, with no Delete* or *', () => {
    expect(grantProblems(roleStatements(template), expectedPairs(declaredGrants()))).toEqual([]);
  });

  it('names the security group control alarm alone by default, and passes the names empty', () => {
    expect(alarmResources(template)).toEqual([ALARM]);
    expect(variables(template)).toMatchObject({
      CONTROLS: '',
      ALARM_NAME: '',
      FILTER_NAME: '',
      METRIC_NAME: '',
    });
  });

  // The same comparison on the packaged role with one thing broken, so each kind of excess or gap shows.
  type Break = (statements: Statement[]) => Statement[];
  const LOG_GROUPS = 'arn:aws:logs:us-east-1:123456789012:log-group:*';
  const FAILED_QUEUE = { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] };
  const withAction =
    (action: string, extra: string): Break =>
    (all) =>
      all.map((s) => (list(s.Action).includes(action) ? { ...s, Action: [...list(s.Action), extra] } : s));
  it.each<[string, Break, string[]]>([
    [
      'a needed action is missing',
      (all) =>
        all.map((s) => ({ ...s, Action: list(s.Action).filter((a) => a !== 'cloudwatch:PutMetricAlarm') })),
      [`missing: cloudwatch:putmetricalarm on ${ALARM}`],
    ],
    [
      'an unneeded action is added',
      (all) => [...all, { Effect: 'Allow', Action: ['ec2:DescribeSecurityGroups'], Resource: '*' }],
      ['not declared: ec2:describesecuritygroups on *'],
    ],
    [
      'a Delete* action is added',
      withAction('logs:PutMetricFilter', 'logs:DeleteMetricFilter'),
      ['Delete action logs:DeleteMetricFilter', `not declared: logs:deletemetricfilter on ${LOG_GROUPS}`],
    ],
    [
      "the queue's message deletion is granted on another queue",
      (all) => [...all, { Effect: 'Allow', Action: ['sqs:DeleteMessage'], Resource: FAILED_QUEUE }],
      [
        'Delete action sqs:DeleteMessage',
        'not declared: sqs:deletemessage on GetAtt:FailedInvocationsQueue.Arn',
      ],
    ],
    [
      "the event source mapping's grants are missing",
      (all) => all.filter((s) => !list(s.Action).includes('sqs:ReceiveMessage')),
      ['receivemessage', 'deletemessage', 'getqueueattributes'].map(
        (a) => `missing: sqs:${a} on GetAtt:EventQueue.Arn`,
      ),
    ],
    [
      'a wildcard action is added',
      withAction('sns:Subscribe', 'sns:*'),
      [
        'wildcard action sns:*',
        'not declared: sns:* on arn:aws:sns:us-east-1:123456789012:cis-monitoring-alarms',
      ],
    ],
    [
      "our alarm's grant is widened to every alarm",
      (all) =>
        all.map((s) =>
          list(s.Resource).map(resolve).includes(ALARM)
            ? { ...s, Resource: `${ALARM.split(':alarm:')[0]}:alarm:*` }
            : s,
        ),
      OUR_ALARM_ACTIONS.flatMap((a) => [
        `missing: cloudwatch:${a} on ${ALARM}`,
        `not declared: cloudwatch:${a} on ${ALARM.split(':alarm:')[0]}:alarm:*`,
      ]),
    ],
  ])('would fail if %s', (_name, broken, problems) => {
    const statements = broken(roleStatements(template));
    expect(grantProblems(statements, expectedPairs(declaredGrants())).sort()).toEqual([...problems].sort());
  });

  it("uses '*' only for the actions that cannot be scoped", () => {
    const star = declaredGrants().filter((g) => g.resource === 'any');
    expect(star.map((g) => g.action)).toContain('cloudtrail:DescribeTrails');
    for (const { action } of star) expect(STAR_ONLY_ACTIONS).toContain(action);
  });
});

describe('packaged with --param controls=all, the role names exactly the fifteen alarms', () => {
  let all: Template;
  beforeAll(() => {
    all = packageTemplate(['controls=all']);
  }, 240_000);
  const ALL_ALARMS = CATALOG.map((control) => control.defaults.alarmName);

  it('grants the declared grants on each control alarm, and nothing else', () => {
    expect(ALL_ALARMS).toHaveLength(15);
    expect(grantProblems(roleStatements(all), expectedPairs(declaredGrants(), ALL_ALARMS))).toEqual([]);
  });

  it('names the fifteen alarm ARNs, each once, with no wildcard', () => {
    const named = alarmResources(all);
    expect([...named].sort()).toEqual(ALL_ALARMS.map(alarmArn).sort());
    expect(new Set(named).size).toBe(15);
    expect(named).toContain(ALARM); // the security group control keeps its name
    expect(named).toContain(alarmArn('CIS-4.1-UnauthorizedAPICalls'));
    for (const arn of named) expect(arn.split(':alarm:')[1]).not.toMatch(/[*?]|\$\{/);
  });

  it('would fail if one control alarm were left out', () => {
    const dropped = alarmArn('CIS-4.3-RootAccountUsage');
    const statements = roleStatements(all).map((s) =>
      list(s.Action).includes('cloudwatch:PutMetricAlarm')
        ? { ...s, Resource: list(s.Resource).filter((r) => resolve(r) !== dropped) }
        : s,
    );
    expect(grantProblems(statements, expectedPairs(declaredGrants(), ALL_ALARMS)).sort()).toEqual(
      OUR_ALARM_ACTIONS.map((a) => `missing: cloudwatch:${a} on ${dropped}`).sort(),
    );
  });

  it('passes CONTROLS and leaves the names empty, so each control keeps its default name', () => {
    expect(variables(all)).toMatchObject({
      CONTROLS: 'all',
      ALARM_NAME: '',
      FILTER_NAME: '',
      METRIC_NAME: '',
    });
  });
});

describe('the enforcer is watched', () => {
  it('reserves no concurrency by default, with a timeout that fits the worst case of its bounded calls', () => {
    const fn = props('ReconcileLambdaFunction');
    // DESIGN rule 11: a reservation fails the first deploy where the account's quota is 10.
    expect(fn).not.toHaveProperty('ReservedConcurrentExecutions');
    // serverless.yml: 18 sequential calls (one subscription), each at most maxAttempts x requestTimeout
    // plus 1+2+4 s of back-off; Lambda's maximum is 900 s.
    const perCall = CLIENT_LIMITS.maxAttempts * CLIENT_LIMITS.requestTimeoutMs + 7_000;
    expect(Number(fn.Timeout) * 1000).toBeGreaterThanOrEqual(18 * perCall);
    expect(fn.Timeout).toBeLessThanOrEqual(900);
  });

  it('reserves exactly --param reservedConcurrency when given, and changes nothing else', () => {
    const reserved = packageTemplate(['reservedConcurrency=2']);
    const { ReservedConcurrentExecutions, ...rest } = props('ReconcileLambdaFunction', reserved);
    expect(ReservedConcurrentExecutions).toBe(2);
    const { Code: _code, ...defaults } = props('ReconcileLambdaFunction');
    const { Code: _reservedCode, ...others } = rest;
    expect(others).toEqual(defaults);
  }, 120_000);

  it('retries failed asynchronous invocations twice, then keeps them 14 days in an encrypted queue', () => {
    const [[, config] = []] = resourcesOf(template, 'AWS::Lambda::EventInvokeConfig');
    expect(config?.Properties).toEqual({
      FunctionName: { Ref: 'ReconcileLambdaFunction' },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } } },
    });
    // SSE-SQS: EventBridge can write to it (the rule's dead-letter queue), as it cannot under alias/aws/sqs.
    expect(props('FailedInvocationsQueue')).toEqual({
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
  });

  it('creates the function log group with a retention period before the function', () => {
    expect(props('ReconcileLogGroup')).toMatchObject({
      LogGroupName: '/aws/lambda/cis-monitoring-enforcer-prod-reconcile',
      RetentionInDays: 365,
    });
    expect(resource(template, 'ReconcileLambdaFunction').DependsOn).toContain('ReconcileLogGroup');
  });

  it.each([
    ['ReconcileErrorsAlarm', 'Errors', 1],
    ['ReconcileThrottlesAlarm', 'Throttles', 3],
  ])('%s alarms on the function %s and notifies the topic', (id, metric, periods) => {
    const alarm = props(id);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ReconcileLambdaFunction' } }],
      Statistic: 'Sum',
      Threshold: 1,
      EvaluationPeriods: periods,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect((alarm.AlarmActions as unknown[]).map(resolve)).toEqual([TOPIC]);
  });
});

describe('compliant right after deploy', () => {
  it('invokes the function itself once per deploy, after its retry and failure settings exist', () => {
    const custom = resource(template, 'ReconcileOnDeploy');
    expect(custom.Type).toBe('Custom::ReconcileOnDeploy');
    expect(custom.DependsOn).toEqual(['ReconcileLambdaEvConf']);
    expect(custom.Properties?.ServiceToken).toEqual({ 'Fn::GetAtt': ['ReconcileLambdaFunction', 'Arn'] });
    // The packaging time in ms: it changes with every deploy and orders deploys (rollback detection).
    expect(String(custom.Properties?.DeployId)).toMatch(/^\d{13}$/);
  });
});
