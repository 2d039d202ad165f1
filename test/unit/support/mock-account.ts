/**
 * Serves an AccountState through aws-sdk-client-mock: reads return copies of the state, writes change it the
 * way AWS does (PutMetricFilter/PutMetricAlarm replace by name, Subscribe of an email stays pending).
 * With `sticky: false` writes are accepted but change nothing, so a second observation sees the old state.
 */
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeMetricFiltersCommand,
  type MetricFilter,
  PutMetricFilterCommand,
  ResourceNotFoundException,
  TestMetricFilterCommand,
  type TestMetricFilterCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  NotFoundException as KmsNotFound,
} from '@aws-sdk/client-kms';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  NotFoundException,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { Clients } from '../../../src/aws/clients';
import { matches, parsePattern } from '../../../src/pattern';
import type { AccountState } from '../../support/builders';

import { serveAlarmHistory } from './alarm-history-mock';

export { answerBelowRetries } from './below-retries';

/** One mock per client of `Clients`. */
export interface AccountMocks {
  readonly cloudtrail: AwsClientStub<CloudTrailClient>;
  readonly cloudwatch: AwsClientStub<CloudWatchClient>;
  readonly logs: AwsClientStub<CloudWatchLogsClient>;
  readonly kms: AwsClientStub<KMSClient>;
  readonly sns: AwsClientStub<SNSClient>;
  readonly sts: AwsClientStub<STSClient>;
}

/** Client instances (from createClients) or, for code that builds its own, the client classes. */
export type MockTargets = { readonly [K in keyof Clients]: Clients[K] | { prototype: Clients[K] } };

const CLASSES: MockTargets = {
  cloudtrail: CloudTrailClient,
  cloudwatch: CloudWatchClient,
  logs: CloudWatchLogsClient,
  kms: KMSClient,
  sns: SNSClient,
  sts: STSClient,
};

const meta = { httpStatusCode: 400, requestId: 'test-request' };
const copy = <T>(value: T): T => structuredClone(value);
/** Email and web endpoints stay pending until their owner confirms; same-account queues and functions do not. */
const PENDING_PROTOCOLS = new Set(['email', 'email-json', 'http', 'https']);

/** Mocks every client in `targets` (all client classes by default) to serve `state`. */
export function mockAccount(
  state: AccountState,
  options: { targets?: MockTargets; sticky?: boolean } = {},
): AccountMocks {
  const targets = options.targets ?? CLASSES;
  const write = options.sticky === false ? () => undefined : (change: () => void) => change();
  const mocks: AccountMocks = {
    cloudtrail: mockClient(targets.cloudtrail),
    cloudwatch: mockClient(targets.cloudwatch),
    logs: mockClient(targets.logs),
    kms: mockClient(targets.kms),
    sns: mockClient(targets.sns),
    sts: mockClient(targets.sts),
  };
  mocks.sts.on(GetCallerIdentityCommand).callsFake(async () => ({
    Account: state.accountId,
    Arn: `arn:aws:sts::${state.accountId}:assumed-role/enforcer/test`,
    UserId: 'AROAEXAMPLE:test',
  }));
  serveTrails(mocks.cloudtrail, state, write);
  serveLogs(mocks.logs, state, write);
  serveAlarms(mocks.cloudwatch, state, write);
  serveAlarmHistory(mocks.cloudwatch, state, write);
  serveTopics(mocks.sns, state, write);
  serveKeys(mocks.kms, state);
  return mocks;
}

type Write = (change: () => void) => void;

/**
 * As SNS does: a topic created without a policy has the default one, whose owner statement lets any
 * principal of the account publish (`AWS: *` with `AWS:SourceOwner`), CloudWatch alarms of the account included.
 */
function withDefaultPolicy(attributes: Record<string, string>): Record<string, string> {
  if (attributes.Policy || !attributes.TopicArn) return attributes;
  const owner = attributes.TopicArn.split(':')[4] ?? '';
  const statement = {
    Sid: '__default_statement_ID',
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:GetTopicAttributes'],
    Resource: attributes.TopicArn,
    Condition: { StringEquals: { 'AWS:SourceOwner': owner } },
  };
  return { ...attributes, Policy: JSON.stringify({ Version: '2008-10-17', Statement: [statement] }) };
}

function serveTrails(mock: AccountMocks['cloudtrail'], state: AccountState, write: Write): void {
  mock.on(DescribeTrailsCommand).callsFake(async () => ({ trailList: copy(state.trails) }));
  mock
    .on(GetTrailStatusCommand)
    .callsFake(async ({ Name }) => ({ IsLogging: state.logging[Name ?? ''] ?? false }));
  mock.on(GetEventSelectorsCommand).callsFake(async ({ TrailName }) => ({
    TrailARN: TrailName,
    ...copy(state.selectors[TrailName ?? ''] ?? { EventSelectors: [] }),
  }));
  mock.on(StartLoggingCommand).callsFake(async ({ Name }) => {
    write(() => {
      state.logging[Name ?? ''] = true;
    });
    return {};
  });
}

function serveLogs(mock: AccountMocks['logs'], state: AccountState, write: Write): void {
  const group = (name: string | undefined) => {
    const filters = state.logGroups[name ?? ''];
    if (filters) return filters;
    throw new ResourceNotFoundException({
      message: 'The specified log group does not exist.',
      $metadata: meta,
    });
  };
  mock
    .on(DescribeMetricFiltersCommand)
    .callsFake(async ({ logGroupName, metricName, metricNamespace, limit, nextToken }) => {
      if (logGroupName === undefined && metricName === undefined) {
        // Every filter of the region, AWS's way: sorted by name, `limit` (at most 50) a page, then a nextToken.
        const all = Object.entries(state.logGroups)
          .flatMap(([name, filters]) => filters.map((f) => ({ ...f, logGroupName: name })))
          .sort((a, b) => ((a.filterName ?? '') < (b.filterName ?? '') ? -1 : 1));
        const from = Number(nextToken ?? 0);
        const size = Math.min(limit ?? 50, 50);
        const more = from + size < all.length ? { nextToken: String(from + size) } : {};
        return { metricFilters: copy(all.slice(from, from + size)), ...more };
      }
      if (logGroupName !== undefined || metricName === undefined)
        return { metricFilters: copy(group(logGroupName)) };
      // By metric, without a log group: every filter of the region whose transformation writes to it.
      const writes = (f: MetricFilter) =>
        (f.metricTransformations ?? []).some(
          (t) => t.metricName === metricName && t.metricNamespace === metricNamespace,
        );
      const listed = Object.entries(state.logGroups).flatMap(([name, filters]) =>
        filters.filter(writes).map((f) => ({ ...f, logGroupName: name })),
      );
      return { metricFilters: copy(listed) };
    });
  mock.on(TestMetricFilterCommand).callsFake(async (input: TestMetricFilterCommandInput) => {
    const pattern = parsePattern(input.filterPattern ?? '');
    const messages = (input.logEventMessages ?? []).map((eventMessage: string, i: number) => ({
      eventNumber: i + 1,
      eventMessage,
    }));
    return { matches: messages.filter((m) => matches(pattern, JSON.parse(m.eventMessage))) };
  });
  mock.on(PutMetricFilterCommand).callsFake(async (input) => {
    const filters = group(input.logGroupName);
    write(() => {
      const at = filters.findIndex((f) => f.filterName === input.filterName);
      const filter = { ...copy(input), creationTime: 1_764_000_000_000 };
      if (at >= 0) filters[at] = filter;
      else filters.push(filter);
    });
    return {};
  });
}

function serveAlarms(mock: AccountMocks['cloudwatch'], state: AccountState, write: Write): void {
  mock.on(DescribeAlarmsCommand).callsFake(async ({ AlarmNames }) => ({
    MetricAlarms: copy(state.alarms.filter((a) => AlarmNames?.includes(a.AlarmName ?? ''))),
    CompositeAlarms: [],
  }));
  mock.on(DescribeAlarmsForMetricCommand).callsFake(async ({ Namespace, MetricName }) => ({
    MetricAlarms: copy(state.alarms.filter((a) => a.Namespace === Namespace && a.MetricName === MetricName)),
  }));
  mock.on(PutMetricAlarmCommand).callsFake(async (input) => {
    const { Tags: _tags, ...fields } = copy(input);
    const alarm: MetricAlarm = {
      ...fields,
      AlarmArn: `arn:aws:cloudwatch:us-east-1:${state.accountId}:alarm:${input.AlarmName}`,
      ActionsEnabled: input.ActionsEnabled ?? true,
      AlarmActions: input.AlarmActions ?? [],
      OKActions: input.OKActions ?? [],
      InsufficientDataActions: input.InsufficientDataActions ?? [],
      Dimensions: input.Dimensions ?? [],
      StateValue: 'INSUFFICIENT_DATA',
    };
    write(() => {
      state.alarms = [...state.alarms.filter((a) => a.AlarmName !== input.AlarmName), alarm];
    });
    return {};
  });
}

/** DescribeKey by key ARN, key id, alias name or alias ARN (resolved through `aliases`); GetKeyPolicy by key ARN. */
function serveKeys(mock: AccountMocks['kms'], state: AccountState): void {
  const find = (id: string | undefined) => {
    const keys = state.keys ?? {};
    const arn = Object.keys(keys).find(
      (k) =>
        k === id ||
        k.endsWith(`/${id}`) ||
        (keys[k]?.aliases ?? []).some((a) => a === id || id?.endsWith(`:${a}`)),
    );
    const key = arn ? keys[arn] : undefined;
    if (key) return key;
    throw new KmsNotFound({ message: `Key '${id}' does not exist`, $metadata: meta });
  };
  mock.on(DescribeKeyCommand).callsFake(async ({ KeyId }) => ({ KeyMetadata: copy(find(KeyId).metadata) }));
  mock
    .on(GetKeyPolicyCommand)
    .callsFake(async ({ KeyId }) => ({ Policy: find(KeyId).policy, PolicyName: 'default' }));
}

function serveTopics(mock: AccountMocks['sns'], state: AccountState, write: Write): void {
  const topic = (arn: string | undefined) => {
    const found = state.topics[arn ?? ''];
    if (found) return found;
    throw new NotFoundException({
      message: 'Topic does not exist',
      $metadata: { ...meta, httpStatusCode: 404 },
    });
  };
  mock
    .on(GetTopicAttributesCommand)
    .callsFake(async ({ TopicArn }) => ({ Attributes: withDefaultPolicy(copy(topic(TopicArn).attributes)) }));
  mock.on(GetSubscriptionAttributesCommand).callsFake(async ({ SubscriptionArn }) => {
    const listed = Object.values(state.topics)
      .flatMap((t) => t.subscriptions)
      .find((s) => s.SubscriptionArn === SubscriptionArn);
    if (!listed) throw new NotFoundException({ message: 'Subscription does not exist', $metadata: meta });
    const extra = state.subscriptionAttributes?.[SubscriptionArn ?? ''] ?? {};
    const base = { SubscriptionArn: listed.SubscriptionArn ?? '', TopicArn: listed.TopicArn ?? '' };
    return {
      Attributes: { ...base, Protocol: listed.Protocol ?? '', Endpoint: listed.Endpoint ?? '', ...extra },
    };
  });
  mock.on(ListSubscriptionsByTopicCommand).callsFake(async ({ TopicArn }) => ({
    Subscriptions: copy(topic(TopicArn).subscriptions),
  }));
  mock.on(CreateTopicCommand).callsFake(async ({ Name, Attributes }) => {
    const arn = `arn:aws:sns:us-east-1:${state.accountId}:${Name}`;
    write(() => {
      state.topics[arn] ??= {
        attributes: { TopicArn: arn, Owner: state.accountId, ...Attributes },
        subscriptions: [],
      };
    });
    return { TopicArn: arn };
  });
  mock.on(SetTopicAttributesCommand).callsFake(async ({ TopicArn, AttributeName, AttributeValue }) => {
    const found = topic(TopicArn);
    write(() => {
      found.attributes[AttributeName ?? ''] = AttributeValue ?? '';
    });
    return {};
  });
  mock.on(PublishCommand).callsFake(async ({ TopicArn }) => {
    topic(TopicArn);
    return { MessageId: '00000000-0000-4000-8000-000000000000' };
  });
  mock.on(SubscribeCommand).callsFake(async ({ TopicArn, Protocol, Endpoint }) => {
    const found = topic(TopicArn);
    const arn = `${TopicArn}:${String(found.subscriptions.length).padStart(8, '0')}-new`;
    const confirmed = !PENDING_PROTOCOLS.has(Protocol ?? '');
    write(() => {
      const SubscriptionArn = confirmed ? arn : 'PendingConfirmation';
      found.subscriptions.push({ TopicArn, Protocol, Endpoint, Owner: state.accountId, SubscriptionArn });
    });
    return { SubscriptionArn: arn };
  });
}

/** One write call as the account received it; JSON policy documents are decoded for comparison. */
export interface SentCall {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

const READ = /^(Describe|Get|List|Test)/;

/** Every call that is not a read (Describe/Get/List/Test), across all clients, in the order sent. */
export function writesSent(mocks: AccountMocks): SentCall[] {
  const calls: Call[] = [
    ...mocks.cloudtrail.calls(),
    ...mocks.cloudwatch.calls(),
    ...mocks.logs.calls(),
    ...mocks.sns.calls(),
    ...mocks.sts.calls(),
  ];
  return calls
    .sort((a, b) => (a.calledBefore(b) ? -1 : 1))
    .map(
      (call) => call.args[0] as unknown as { constructor: { name: string }; input: Record<string, unknown> },
    )
    .filter((command) => !READ.test(command.constructor.name))
    .map((command) => ({ command: command.constructor.name, input: decoded(command.input) }));
}

/** The part of a recorded call this module reads. */
interface Call {
  readonly args: readonly unknown[];
  calledBefore(other: Call): boolean;
}

function decoded(input: Record<string, unknown>): Record<string, unknown> {
  const attributes = input.Attributes as Record<string, string> | undefined;
  if (attributes?.Policy)
    return { ...input, Attributes: { ...attributes, Policy: JSON.parse(attributes.Policy) } };
  if (input.AttributeName === 'Policy' && typeof input.AttributeValue === 'string') {
    return { ...input, AttributeValue: JSON.parse(input.AttributeValue) };
  }
  return input;
}
