import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import {
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  AccessDeniedException as TrailAccessDenied,
} from '@aws-sdk/client-cloudtrail';
import { createClients } from '../../src/aws/clients';
import { chooseTrail, discover, findCandidates } from '../../src/discover';
import {
  ACCOUNT,
  type AccountState,
  compliant,
  configFor,
  LOG_GROUP,
  LOG_GROUP_ARN,
  mockAccount,
  ourTrail,
  REGION,
  TRAIL_ARN,
  trailView,
  without,
} from '../support/builders';
import { runOn } from './support/run';

/** The compliant account with its trail changed (and, optionally, its selectors). */
function trailWith(patch: Partial<Trail>, selectors?: AccountState['selectors'][string]): AccountState {
  const state = compliant();
  Object.assign(ourTrail(state), patch);
  if (selectors) {
    ourTrail(state).HasCustomEventSelectors = true;
    state.selectors[TRAIL_ARN] = selectors;
  }
  return state;
}
const classic = (...EventSelectors: EventSelector[]) => ({ EventSelectors });
const advanced = (
  ...fields: [string, { Equals?: string[]; NotEquals?: string[] }][]
): { AdvancedEventSelectors: AdvancedEventSelector[] } => ({
  AdvancedEventSelectors: [
    { Name: 's', FieldSelectors: fields.map(([Field, match]) => ({ Field, ...match })) },
  ],
});
const MANAGEMENT: [string, { Equals: string[] }] = ['eventCategory', { Equals: ['Management'] }];
const NO_WRITES = `trail management-events does not record management write events from ec2.amazonaws.com`;

// A log group in another region or an organization trail's in another account is NOT_APPLICABLE, or
// NON_COMPLIANT while the enforcer's resources are here: test/unit/not-applicable.test.ts.
describe('discover: reasons no trail qualifies (NON_COMPLIANT, nothing created)', () => {
  it.each<[string, () => AccountState, Record<string, string>, string[], string | undefined]>([
    ['no trail', () => without('trail'), {}, ['no CloudTrail trail exists in this account'], undefined],
    [
      'not multi-region',
      () => trailWith({ IsMultiRegionTrail: false }),
      {},
      ['trail management-events is not multi-region'],
      undefined,
    ],
    [
      'not logging and HEAL_TRAIL_LOGGING=false',
      () => without('logging'),
      { HEAL_TRAIL_LOGGING: 'false' },
      ['trail management-events is not logging (HEAL_TRAIL_LOGGING=false, so it was left stopped)'],
      undefined,
    ],
    [
      'no log group',
      () => trailWith({ CloudWatchLogsLogGroupArn: undefined }),
      {},
      ['trail management-events does not deliver to a CloudWatch Logs group'],
      undefined,
    ],
    [
      'log group other than LOG_GROUP_NAME',
      () => compliant(),
      { LOG_GROUP_NAME: 'elsewhere' },
      [
        `trail management-events delivers to log group ${LOG_GROUP}, not the configured LOG_GROUP_NAME elsewhere`,
      ],
      undefined,
    ],
    [
      'classic selectors: read-only',
      () => trailWith({}, classic({ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true })),
      {},
      [NO_WRITES],
      undefined,
    ],
    [
      'classic selectors: management events excluded',
      () => trailWith({}, classic({ ReadWriteType: 'All', IncludeManagementEvents: false })),
      {},
      [NO_WRITES],
      undefined,
    ],
    [
      'advanced selectors: data events only',
      () =>
        trailWith(
          {},
          advanced(
            ['eventCategory', { Equals: ['Data'] }],
            ['resources.type', { Equals: ['AWS::S3::Object'] }],
          ),
        ),
      {},
      [NO_WRITES],
      undefined,
    ],
    [
      'advanced selectors: management reads only',
      () => trailWith({}, advanced(MANAGEMENT, ['readOnly', { Equals: ['true'] }])),
      {},
      [NO_WRITES],
      undefined,
    ],
    [
      'advanced selectors: EC2 excluded',
      () => trailWith({}, advanced(MANAGEMENT, ['eventSource', { NotEquals: ['ec2.amazonaws.com'] }])),
      {},
      [NO_WRITES],
      undefined,
    ],
    [
      'advanced selectors: another service only',
      () => trailWith({}, advanced(MANAGEMENT, ['eventSource', { Equals: ['s3.amazonaws.com'] }])),
      {},
      [NO_WRITES],
      undefined,
    ],
  ])('%s', async (_label, state, env, findings, regionHint) => {
    const run = await runOn(state(), { env });
    expect(run.writes).toEqual([]);
    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      accountId: ACCOUNT,
      findings,
      changes: [],
      errors: [],
    });
    expect(run.report.regionHint).toBe(regionHint);
    expect(run.report.logGroup).toBeUndefined();
  });

  it('the trail log group missing → NON_COMPLIANT naming it, nothing created', async () => {
    const run = await runOn(without('log-group'));
    expect(run.writes).toEqual([]);
    expect(run.report).toMatchObject({
      status: 'NON_COMPLIANT',
      changes: [],
      findings: [
        `log group ${LOG_GROUP} named by trail management-events does not exist; the enforcer does not create it`,
      ],
    });
  });
});

/** Clients on `state` with one more candidate trail, listed first, whose status read is denied. */
function withDeniedCandidate(state: AccountState) {
  const denied = `${TRAIL_ARN}-denied`;
  state.trails = [{ ...ourTrail(state), Name: 'denied', TrailARN: denied }, ...state.trails];
  const clients = createClients(REGION);
  const mocks = mockAccount(state, { targets: clients });
  mocks.cloudtrail
    .on(GetTrailStatusCommand, { Name: denied })
    .rejects(new TrailAccessDenied({ $metadata: {}, message: 'not authorized' }));
  return clients;
}

describe('discover: the qualifying trail', () => {
  const found = async (state: AccountState, env: Record<string, string> = {}) => {
    const clients = createClients(REGION);
    const mocks = mockAccount(state, { targets: clients });
    return { discovery: await discover(clients, configFor(env)), mocks };
  };

  it('a trail without custom selectors records every management event; its selectors are not read', async () => {
    const { discovery, mocks } = await found(compliant());
    expect(discovery).toEqual({ accountId: ACCOUNT, trail: trailView(), problems: [] });
    expect(discovery.trail?.logGroupArn).toBe(LOG_GROUP_ARN);
    expect(mocks.cloudtrail).not.toHaveReceivedCommand(GetEventSelectorsCommand);
  });

  it.each<[string, AccountState['selectors'][string]]>([
    ['classic, write-only', classic({ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true })],
    ['classic, one read-only and one all', classic({ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'All' })],
    ['advanced, management writes', advanced(MANAGEMENT, ['readOnly', { Equals: ['false'] }])],
    ['advanced, management without readOnly field', advanced(MANAGEMENT)],
    [
      'advanced, EC2 named',
      advanced(MANAGEMENT, ['eventSource', { Equals: ['ec2.amazonaws.com', 's3.amazonaws.com'] }]),
    ],
    ['advanced, KMS excluded', advanced(MANAGEMENT, ['eventSource', { NotEquals: ['kms.amazonaws.com'] }])],
  ])('selectors recording EC2 management writes qualify: %s', async (_label, selectors) => {
    const { discovery, mocks } = await found(trailWith({}, selectors));
    expect(discovery.trail).toEqual(trailView());
    expect(mocks.cloudtrail).toHaveReceivedCommandWith(GetEventSelectorsCommand, { TrailName: TRAIL_ARN });
  });

  it('a stopped trail qualifies when HEAL_TRAIL_LOGGING is on (the plan restarts it)', async () => {
    const { discovery } = await found(without('logging'));
    expect(discovery.trail).toEqual(trailView({ isLogging: false }));
  });

  it('among several trails the qualifying one is taken and the others are not reported', async () => {
    const state = compliant();
    const single: Trail = {
      ...ourTrail(state),
      Name: 'single',
      TrailARN: `${TRAIL_ARN}-single`,
      IsMultiRegionTrail: false,
    };
    state.trails = [single, ...state.trails];
    const { discovery } = await found(state);
    expect(discovery).toEqual({ accountId: ACCOUNT, trail: trailView(), problems: [] });
  });

  it('a logging trail is preferred to a stopped one listed before it (no StartLogging of a trail nobody needs)', async () => {
    const state = compliant();
    const stopped: Trail = { ...ourTrail(state), Name: 'stopped', TrailARN: `${TRAIL_ARN}-stopped` };
    state.trails = [stopped, ...state.trails];
    const { discovery } = await found(state);
    expect(discovery.trail).toEqual(trailView());
    const run = await runOn(state);
    expect(run.writes).toEqual([]);
    expect(run.report.status).toBe('COMPLIANT');
  });

  it('a candidate whose status cannot be read does not hide a logging trail that qualifies', async () => {
    const clients = withDeniedCandidate(compliant());
    expect(await discover(clients, configFor())).toEqual({
      accountId: ACCOUNT,
      trail: trailView(),
      problems: [],
    });
  });

  it('…but when the only other candidate is stopped, the unreadable one ends discovery (no needless restart)', async () => {
    const clients = withDeniedCandidate(without('logging'));
    await expect(discover(clients, configFor())).rejects.toThrow(/cloudtrail:GetTrailStatus on .*-denied/);
  });

  it('with no qualifying trail, every trail gets its reason', async () => {
    const state = trailWith({ IsMultiRegionTrail: false });
    state.trails.push({ Name: 'other', TrailARN: `${TRAIL_ARN}-other`, IsMultiRegionTrail: true });
    const { discovery } = await found(state);
    expect(discovery.problems).toEqual([
      'trail management-events is not multi-region',
      'trail other does not deliver to a CloudWatch Logs group',
    ]);
  });
});

describe('discover in two phases: findCandidates, then chooseTrail', () => {
  it('the first phase reads no trail status; candidates keep listing order, the second phase prefers a logging one', async () => {
    const state = compliant();
    const other = `${TRAIL_ARN}-other`;
    const logGroupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:other-group:*`;
    const single: Trail = {
      ...ourTrail(state),
      Name: 'single',
      TrailARN: `${other}-1`,
      IsMultiRegionTrail: false,
    };
    state.trails = [
      { ...ourTrail(state), Name: 'other', TrailARN: other, CloudWatchLogsLogGroupArn: logGroupArn },
      single,
      ...state.trails,
    ];
    const clients = createClients(REGION);
    const mocks = mockAccount(state, { targets: clients });
    const found = await findCandidates(clients, configFor());
    expect(found.candidates.map((c) => [c.trail.TrailARN, c.logGroupName])).toEqual([
      [other, 'other-group'],
      [TRAIL_ARN, LOG_GROUP],
    ]);
    expect(found.problems).toEqual(['trail single is not multi-region']);
    expect(mocks.cloudtrail).not.toHaveReceivedCommand(GetTrailStatusCommand);
    // The first candidate is stopped: the second phase prefers the logging one, as discover() does.
    const chosen = await chooseTrail(clients, configFor(), found);
    expect(chosen).toEqual({ accountId: ACCOUNT, trail: trailView(), problems: [] });
    expect(await discover(clients, configFor())).toEqual(chosen);
  });
});
