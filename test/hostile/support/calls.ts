/**
 * Every AWS call the enforcer makes in a run, with an account where it is made, the resource the
 * report must name when it fails, and how to make it fail with the service's real exception classes.
 */
import {
  AccessDeniedException as CloudTrailDenied,
  ThrottlingException as CloudTrailThrottling,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  InvalidTrailNameException,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchServiceException,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  InvalidParameterValueException,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeMetricFiltersCommand,
  AccessDeniedException as LogsDenied,
  InvalidParameterException as LogsInvalid,
  ThrottlingException as LogsThrottling,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSServiceException } from '@aws-sdk/client-kms';
import {
  AuthorizationErrorException,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetTopicAttributesCommand,
  InvalidParameterException as SnsInvalid,
  SubscribeCommand,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import {
  type AccountMocks,
  type AccountState,
  LOG_GROUP,
  TOPIC_ARN,
  TRAIL_ARN,
} from '../../support/builders';
import {
  DRIFTED_SUBSCRIPTION,
  driftedEverywhere,
  encryptedDrifted,
  TOPIC_KEY_ALIAS,
  TOPIC_KEY_ARN,
  topicMissing,
  withCustomSelectors,
} from './accounts';

/** How a test makes one call fail: `fake` replaces the account's answer to that command. */
type Inject = (mocks: AccountMocks, fake: () => Promise<never>) => void;

/** The service-specific exceptions for the three AWS-side faults. */
interface ServiceFaults {
  readonly throttling: () => Error;
  readonly denied?: () => Error;
  readonly invalid?: () => Error;
}

export interface Call {
  readonly action: string;
  readonly command: string;
  readonly resource: string;
  readonly inject: Inject;
  readonly faults: ServiceFaults;
  /** An account in which a run sends this call (and the other repairs it could still make). */
  readonly account: () => AccountState;
  /** Writes that cannot be made once this call fails; every other planned write must still be made. */
  readonly blocks: readonly string[];
}

const $metadata = { httpStatusCode: 400, requestId: 'fault-injection' };
const opts = (message: string) => ({ message, $metadata });
const DENIED =
  'User: arn:aws:sts::123456789012:assumed-role/enforcer/run is not authorized to perform this action';

const sts: ServiceFaults = {
  throttling: () =>
    new STSServiceException({ name: 'Throttling', $fault: 'client', ...opts('Rate exceeded') }),
  // sts:GetCallerIdentity cannot be denied: AWS answers it even under an explicit Deny.
};
const cloudtrail: ServiceFaults = {
  throttling: () => new CloudTrailThrottling(opts('Rate exceeded')),
  denied: () => new CloudTrailDenied(opts(DENIED)),
  invalid: () => new InvalidTrailNameException(opts('Trail name or ARN can only contain ...')),
};
const cloudwatch: ServiceFaults = {
  throttling: () =>
    new CloudWatchServiceException({ name: 'Throttling', $fault: 'client', ...opts('Rate exceeded') }),
  denied: () => new CloudWatchServiceException({ name: 'AccessDenied', $fault: 'client', ...opts(DENIED) }),
  invalid: () =>
    new InvalidParameterValueException(opts('The parameter AlarmActions contains an invalid ARN')),
};
const logs: ServiceFaults = {
  throttling: () => new LogsThrottling(opts('Rate exceeded')),
  denied: () => new LogsDenied(opts(DENIED)),
  invalid: () => new LogsInvalid(opts('Invalid metric filter pattern')),
};
const sns: ServiceFaults = {
  throttling: () => new ThrottledException(opts('Rate exceeded')),
  denied: () => new AuthorizationErrorException(opts(DENIED)),
  invalid: () => new SnsInvalid(opts('Invalid parameter: Endpoint')),
};

const kms: ServiceFaults = {
  throttling: () =>
    new KMSServiceException({ name: 'ThrottlingException', $fault: 'client', ...opts('Rate exceeded') }),
  denied: () => new KMSServiceException({ name: 'AccessDeniedException', $fault: 'client', ...opts(DENIED) }),
};

const ALL_WRITES = [
  'StartLoggingCommand',
  'SetTopicAttributesCommand',
  'SubscribeCommand',
  'PutMetricFilterCommand',
  'PutMetricAlarmCommand',
];
const DISCOVERY = { account: driftedEverywhere, blocks: ALL_WRITES };

/** The table: one row per call the enforcer makes. */
export const CALLS: readonly Call[] = [
  {
    action: 'sts:GetCallerIdentity',
    command: 'GetCallerIdentityCommand',
    resource: '*',
    faults: sts,
    ...DISCOVERY,
    inject: (m, f) => m.sts.on(GetCallerIdentityCommand).callsFake(f),
  },
  {
    action: 'cloudtrail:DescribeTrails',
    command: 'DescribeTrailsCommand',
    resource: '*',
    faults: cloudtrail,
    ...DISCOVERY,
    inject: (m, f) => m.cloudtrail.on(DescribeTrailsCommand).callsFake(f),
  },
  {
    action: 'cloudtrail:GetTrailStatus',
    command: 'GetTrailStatusCommand',
    resource: TRAIL_ARN,
    faults: cloudtrail,
    ...DISCOVERY,
    inject: (m, f) => m.cloudtrail.on(GetTrailStatusCommand).callsFake(f),
  },
  {
    action: 'cloudtrail:GetEventSelectors',
    command: 'GetEventSelectorsCommand',
    resource: TRAIL_ARN,
    faults: cloudtrail,
    account: withCustomSelectors,
    blocks: ALL_WRITES,
    inject: (m, f) => m.cloudtrail.on(GetEventSelectorsCommand).callsFake(f),
  },
  {
    action: 'logs:DescribeMetricFilters',
    command: 'DescribeMetricFiltersCommand',
    resource: LOG_GROUP,
    faults: logs,
    account: driftedEverywhere,
    blocks: ['PutMetricFilterCommand'],
    inject: (m, f) => m.logs.on(DescribeMetricFiltersCommand).callsFake(f),
  },
  {
    action: 'cloudwatch:DescribeAlarms',
    command: 'DescribeAlarmsCommand',
    resource: 'CIS-4.10-SecurityGroupChanges',
    faults: cloudwatch,
    account: driftedEverywhere,
    blocks: ['PutMetricAlarmCommand'],
    inject: (m, f) => m.cloudwatch.on(DescribeAlarmsCommand).callsFake(f),
  },
  {
    // The daily sweep's read of the alarm's action history (issue 16 item 5): a failed read is no pass.
    action: 'cloudwatch:DescribeAlarmHistory',
    command: 'DescribeAlarmHistoryCommand',
    resource: 'CIS-4.10-SecurityGroupChanges',
    faults: cloudwatch,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.cloudwatch.on(DescribeAlarmHistoryCommand).callsFake(f),
  },
  {
    action: 'sns:GetTopicAttributes',
    command: 'GetTopicAttributesCommand',
    resource: TOPIC_ARN,
    faults: sns,
    account: driftedEverywhere,
    blocks: ['SetTopicAttributesCommand', 'SubscribeCommand'],
    inject: (m, f) => m.sns.on(GetTopicAttributesCommand).callsFake(f),
  },
  {
    action: 'sns:ListSubscriptionsByTopic',
    command: 'ListSubscriptionsByTopicCommand',
    resource: TOPIC_ARN,
    faults: sns,
    account: driftedEverywhere,
    blocks: ['SetTopicAttributesCommand', 'SubscribeCommand'],
    inject: (m, f) => m.sns.on(ListSubscriptionsByTopicCommand).callsFake(f),
  },
  {
    // Each confirmed subscriber's FilterPolicy (issue 16 item 3): unread, it does not count; the policy
    // merge and the subscriptions are still made.
    action: 'sns:GetSubscriptionAttributes',
    command: 'GetSubscriptionAttributesCommand',
    resource: DRIFTED_SUBSCRIPTION,
    faults: sns,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.sns.on(GetSubscriptionAttributesCommand).callsFake(f),
  },
  {
    // The topic's customer managed key (issue 16 item 4), named as the topic names it.
    action: 'kms:DescribeKey',
    command: 'DescribeKeyCommand',
    resource: TOPIC_KEY_ALIAS,
    faults: kms,
    account: encryptedDrifted,
    blocks: [],
    inject: (m, f) => m.kms.on(DescribeKeyCommand).callsFake(f),
  },
  {
    action: 'kms:GetKeyPolicy',
    command: 'GetKeyPolicyCommand',
    resource: TOPIC_KEY_ARN,
    faults: kms,
    account: encryptedDrifted,
    blocks: [],
    inject: (m, f) => m.kms.on(GetKeyPolicyCommand).callsFake(f),
  },
  {
    action: 'cloudtrail:StartLogging',
    command: 'StartLoggingCommand',
    resource: TRAIL_ARN,
    faults: cloudtrail,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.cloudtrail.on(StartLoggingCommand).callsFake(f),
  },
  {
    action: 'sns:CreateTopic',
    command: 'CreateTopicCommand',
    resource: 'cis-monitoring-alarms',
    faults: sns,
    account: topicMissing,
    blocks: ['SubscribeCommand'],
    inject: (m, f) => m.sns.on(CreateTopicCommand).callsFake(f),
  },
  {
    action: 'sns:SetTopicAttributes',
    command: 'SetTopicAttributesCommand',
    resource: TOPIC_ARN,
    faults: sns,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.sns.on(SetTopicAttributesCommand).callsFake(f),
  },
  {
    action: 'sns:Subscribe',
    command: 'SubscribeCommand',
    resource: TOPIC_ARN,
    faults: sns,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.sns.on(SubscribeCommand).callsFake(f),
  },
  {
    action: 'logs:PutMetricFilter',
    command: 'PutMetricFilterCommand',
    resource: LOG_GROUP,
    faults: logs,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.logs.on(PutMetricFilterCommand).callsFake(f),
  },
  {
    action: 'cloudwatch:PutMetricAlarm',
    command: 'PutMetricAlarmCommand',
    resource: 'CIS-4.10-SecurityGroupChanges',
    faults: cloudwatch,
    account: driftedEverywhere,
    blocks: [],
    inject: (m, f) => m.cloudwatch.on(PutMetricAlarmCommand).callsFake(f),
  },
];

/** Reads behind the advisory verdict (faults-advisory.test.ts): their failures never change a run's status. */
export const ADVISORY_COMMANDS: readonly string[] = [
  'DescribeAlarmsForMetricCommand',
  'TestMetricFilterCommand',
];
