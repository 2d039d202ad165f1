import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type OwnRole } from '../../src/config';
import { type Classified, classify, WATCHED_CALLS } from '../../src/triggers/events';

const EVENTS_DIR = join(__dirname, '..', '..', 'events');
/** The role serverless.yml gives the function (service-stage-region), as ENFORCER_ROLE_ARN names it. */
const OWN_ROLE_NAME = 'cis-monitoring-enforcer-prod-us-east-1';
const OWN_ROLE_ARN = `arn:aws:iam::123456789012:role/${OWN_ROLE_NAME}`;
const OWN_ROLE: OwnRole = (() => {
  const role = loadConfig({ AWS_REGION: 'us-east-1', ENFORCER_ROLE_ARN: OWN_ROLE_ARN }).ownRole;
  if (!role) throw new Error('ENFORCER_ROLE_ARN was not read');
  return role;
})();
const FILES = readdirSync(EVENTS_DIR).filter((f) => f.endsWith('.json'));
type Json = Record<string, unknown>;
const load = (file: string): Json => JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as Json;
const cloudTrailDetail = (event: Json): Json => event.detail as Json;
const identity = (event: Json): Json => cloudTrailDetail(event).userIdentity as Json;

describe('classify: every sample in events/', () => {
  it('the directory holds every trigger kind the issue names', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'schedule.json',
        'manual.json',
        'manual-dry-run.json',
        'cloudtrail-own-change.json',
        ...[
          'delete-metric-filter',
          'put-metric-filter',
          'delete-alarms',
          'put-metric-alarm',
          'disable-alarm-actions',
          'delete-topic',
          'unsubscribe',
          'stop-logging',
          'subscribe',
          'set-subscription-attributes',
          'put-composite-alarm',
          'set-alarm-state',
          'put-transformer',
          'delete-transformer',
        ].map((name) => `cloudtrail-${name}.json`),
      ]),
    );
  });

  const samplesOf = (source: string, eventName: string) =>
    FILES.filter((file) => {
      const event = load(file);
      return event.source === source && cloudTrailDetail(event)?.eventName === eventName;
    });
  it.each(
    Object.entries(WATCHED_CALLS).flatMap(([source, names]) => names.map((name) => [source, name] as const)),
  )("the watched call %s %s has a sample, a person's call that classifies as a run", (source, name) => {
    const [file] = samplesOf(source, name).filter(
      (f) => f !== 'cloudtrail-own-change.json' && f !== 'cloudtrail-delete-alarms-by-namesake-role.json',
    );
    expect(file).toBeDefined();
    const event = load(file ?? '');
    const service = source.replace(/^aws\./, '');
    expect(cloudTrailDetail(event).eventSource).toBe(`${service}.amazonaws.com`);
    expect(classify(event, OWN_ROLE)).toMatchObject({ run: true, trigger: { eventName: name } });
  });

  it.each(FILES)('%s', (file) => {
    const event = load(file);
    const classified = classify(event, OWN_ROLE);
    if (file === 'cloudtrail-own-change.json') {
      expect(classified).toMatchObject({
        run: false,
        status: 'IGNORED_OWN_CHANGE',
        trigger: { kind: 'cloudtrail' },
      });
    } else if (file === 'cloudtrail-delete-alarms-by-namesake-role.json') {
      // A role with our role's name in another account: not ours, so the run goes ahead.
      expect(classified).toMatchObject({
        run: true,
        trigger: {
          actor: {
            arn: `arn:aws:sts::210987654321:assumed-role/${OWN_ROLE_NAME}/cis-monitoring-enforcer-prod-reconcile`,
          },
        },
      });
    } else if (file.startsWith('cloudtrail-')) {
      const detail = cloudTrailDetail(event);
      expect(classified).toEqual<Classified>({
        run: true,
        trigger: {
          kind: 'cloudtrail',
          eventName: String(detail.eventName),
          eventSource: String(detail.eventSource),
          eventTime: String(detail.eventTime),
          eventId: String(detail.eventID),
          region: 'us-east-1',
          account: '123456789012',
          actor: {
            arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
            type: 'AssumedRole',
            sourceIp: '203.0.113.24',
            userAgent: String(detail.userAgent),
          },
        },
      });
    } else if (file === 'schedule.json') {
      expect(classified).toEqual({ run: true, trigger: { kind: 'schedule', time: '2026-11-26T06:00:00Z' } });
    } else {
      expect(classified).toEqual({
        run: true,
        trigger:
          file === 'manual-drill.json'
            ? { kind: 'drill', by: 'manual' }
            : { kind: 'manual', dryRun: file === 'manual-dry-run.json' },
      });
    }
  });

  it('the own-change sample is recognised by its session issuer alone, and by its ARN alone', () => {
    const event = load('cloudtrail-own-change.json');
    const { arn, sessionContext, ...rest } = identity(event);
    const only = (userIdentity: Json) => ({ ...event, detail: { ...cloudTrailDetail(event), userIdentity } });
    expect(classify(only({ ...rest, sessionContext }), OWN_ROLE)).toMatchObject({
      status: 'IGNORED_OWN_CHANGE',
    });
    expect(classify(only({ ...rest, arn }), OWN_ROLE)).toMatchObject({ status: 'IGNORED_OWN_CHANGE' });
  });
});

describe('classify: CloudTrail events', () => {
  const base = load('cloudtrail-delete-alarms.json');
  const withDetail = (patch: Json): Json => ({ ...base, detail: { ...cloudTrailDetail(base), ...patch } });
  const asRole = (role: string, session = 'run'): Json => ({
    type: 'AssumedRole',
    arn: `arn:aws:sts::123456789012:assumed-role/${role}/${session}`,
    accountId: '123456789012',
    sessionContext: {
      sessionIssuer: { type: 'Role', userName: role, arn: `arn:aws:iam::123456789012:role/${role}` },
    },
  });

  it.each<[string, Json, string]>([
    [
      'a failed call (errorCode)',
      withDetail({ errorCode: 'AccessDenied' }),
      'the call failed (AccessDenied): nothing changed',
    ],
    ['no detail', { ...base, detail: undefined }, 'CloudTrail event without detail.eventName'],
    [
      'detail not an object',
      { ...base, detail: 'DeleteAlarms' },
      'CloudTrail event without detail.eventName',
    ],
    ['detail an array', { ...base, detail: [] }, 'CloudTrail event without detail.eventName'],
    ['no eventName', withDetail({ eventName: undefined }), 'CloudTrail event without detail.eventName'],
  ])('%s → IGNORED', (_label, event, reason) => {
    expect(classify(event, OWN_ROLE)).toMatchObject({ run: false, status: 'IGNORED', reason });
  });

  it.each<[string, Json]>([
    ['by session issuer ARN', asRole(OWN_ROLE_NAME)],
    [
      'by assumed-role ARN, when no session issuer is recorded',
      { type: 'AssumedRole', arn: `arn:aws:sts::123456789012:assumed-role/${OWN_ROLE_NAME}/s` },
    ],
  ])('own role %s → IGNORED_OWN_CHANGE', (_label, userIdentity) => {
    expect(classify(withDetail({ userIdentity }), OWN_ROLE)).toMatchObject({
      run: false,
      status: 'IGNORED_OWN_CHANGE',
      reason: `caused by the enforcer's own role ${OWN_ROLE_ARN}`,
    });
  });

  const issuedBy = (arn: string, patch: Json = {}): Json => {
    const base = asRole(OWN_ROLE_NAME);
    const context = base.sessionContext as { sessionIssuer: Json };
    return { ...base, sessionContext: { sessionIssuer: { ...context.sessionIssuer, arn, ...patch } } };
  };
  it.each<[string, Json]>([
    ['a role whose name starts with ours', asRole(`${OWN_ROLE_NAME}-admin`)],
    ['a role whose name ends with ours', asRole(`x-${OWN_ROLE_NAME}`)],
    ['a session named like our role', asRole('Admin', OWN_ROLE_NAME)],
    ['an IAM user', { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/${OWN_ROLE_NAME}` }],
    ['root (no session context)', { type: 'Root', arn: 'arn:aws:iam::123456789012:root' }],
    [
      'our role name issued by another role ARN',
      issuedBy(`arn:aws:iam::123456789012:role/other/${OWN_ROLE_NAME}x`),
    ],
    ['our role name in another account', issuedBy(`arn:aws:iam::999999999999:role/${OWN_ROLE_NAME}`)],
    ['our role ARN with another issuer account', issuedBy(OWN_ROLE_ARN, { accountId: '999999999999' })],
    [
      'our role ARN from an identity of another account',
      { ...asRole(OWN_ROLE_NAME), accountId: '999999999999' },
    ],
    ['our role ARN issued as a user', issuedBy(OWN_ROLE_ARN, { type: 'IAMUser' })],
    [
      'an assumed-role ARN of our name in another account, no issuer',
      { type: 'AssumedRole', arn: `arn:aws:sts::999999999999:assumed-role/${OWN_ROLE_NAME}/s` },
    ],
    ["a session issuer naming our role's ARN inside another", issuedBy(`${OWN_ROLE_ARN}-shadow`)],
  ])('%s → runs', (_label, userIdentity) => {
    expect(classify(withDetail({ userIdentity }), OWN_ROLE)).toMatchObject({ run: true });
  });

  it('without a configured role ARN nothing is treated as own', () => {
    expect(classify(withDetail({ userIdentity: asRole(OWN_ROLE_NAME) }))).toMatchObject({ run: true });
  });

  it('an AWS service actor is named by invokedBy', () => {
    const userIdentity = { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };
    expect(classify(withDetail({ userIdentity }), OWN_ROLE)).toMatchObject({
      trigger: { actor: { arn: 'cloudformation.amazonaws.com', type: 'AWSService' } },
    });
  });
});

describe('classify: anything else', () => {
  it.each<[string, unknown, string]>([
    ['an array', [], 'unrecognised event of type array'],
    ['a string', 'run', 'unrecognised event of type string'],
    ['a number', 42, 'unrecognised event of type number'],
    ['a boolean', true, 'unrecognised event of type boolean'],
    [
      'unknown keys',
      { action: 'go', dryRun: true },
      'unrecognised event (keys: action); invoke with {}, {"dryRun": true} or {"drill": true}',
    ],
    ['dryRun not boolean', { dryRun: 'true' }, 'dryRun must be true or false; nothing was done'],
    [
      'another EventBridge detail-type',
      { 'detail-type': 'EC2 Instance State-change Notification' },
      'unrecognised EventBridge event: EC2 Instance State-change Notification',
    ],
    [
      'a scheduled event from another source',
      { 'detail-type': 'Scheduled Event', source: 'custom' },
      'unrecognised EventBridge event: Scheduled Event',
    ],
  ])('%s → IGNORED with the reason', (_label, event, reason) => {
    expect(classify(event, OWN_ROLE)).toEqual({ run: false, status: 'IGNORED', reason });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['{}', {}],
    ['{"dryRun": false}', { dryRun: false }],
  ])('%s → a manual full run', (_label, event) => {
    expect(classify(event, OWN_ROLE)).toEqual({ run: true, trigger: { kind: 'manual', dryRun: false } });
  });

  it('a CloudFormation custom-resource request → a deploy run', () => {
    const event = {
      RequestType: 'Update',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/x',
    };
    expect(classify(event, OWN_ROLE)).toEqual({
      run: true,
      trigger: { kind: 'deploy', requestType: 'Update' },
    });
  });
});
