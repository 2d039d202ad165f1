import type { Grant, ResourceKind } from '../../src/aws/permissions';
import { PSEUDO, resolve } from './template';

const ARN = `arn:${PSEUDO['AWS::Partition']}`;
const WHERE = `${PSEUDO['AWS::Region']}:${PSEUDO['AWS::AccountId']}`;

/** The ARN of an alarm of this name, as the packaged role must name it. */
export const alarmArn = (name: string): string => `${ARN}:cloudwatch:${WHERE}:alarm:${name}`;

/** The alarm an empty CONTROLS keeps: the security group control's, under the name it has always had. */
export const DEFAULT_ALARMS: readonly string[] = ['CIS-4.10-SecurityGroupChanges'];

/** The resource each kind of grant but `alarm` must be scoped to in the packaged role (default parameters). */
export const RESOURCE_OF: Readonly<Record<Exclude<ResourceKind, 'alarm'>, string>> = {
  any: '*', // only for STAR_ONLY_ACTIONS
  trail: `${ARN}:cloudtrail:*:${PSEUDO['AWS::AccountId']}:trail/*`,
  logGroup: `${ARN}:logs:${WHERE}:log-group:*`,
  topic: `${ARN}:sns:${WHERE}:cis-monitoring-alarms`,
  anyTopic: `${ARN}:sns:${WHERE}:*`,
  eventQueue: 'GetAtt:EventQueue.Arn',
  key: `${ARN}:kms:${WHERE}:key/*`,
};

/** The resources a grant of this kind must be scoped to: one each for `alarm` (each selected control's alarm). */
const scopeOf = (kind: ResourceKind, alarms: readonly string[]): string[] =>
  kind === 'alarm' ? alarms.map(alarmArn) : [RESOURCE_OF[kind]];

/**
 * Actions vetted to work only on `*` (the Service Authorization Reference lists no resource type for them):
 * a grant of kind `any` must name one of these.
 */
export const STAR_ONLY_ACTIONS = [
  'cloudtrail:DescribeTrails', // lists every trail, shadow trails included
  'cloudwatch:DescribeAlarmsForMetric', // looks alarms up by metric, not by alarm ARN
  'logs:TestMetricFilter', // tests a pattern against sample events, touches no log group
  'iam:ListAccountAliases', // the account's alias: IAM lists no resource type for it
  'sns:GetSubscriptionAttributes', // SNS defines only the topic resource type; a subscription ARN is not one
];

const OWN_LOG_GROUP = `${ARN}:logs:${WHERE}:log-group:/aws/lambda/cis-monitoring-enforcer-prod*`;

/**
 * Grants the role holds for the stack, not for a call of our code: [action, resource, reason].
 * The function's own log group is created by the stack; the statements are the framework's default.
 */
export const INFRASTRUCTURE: readonly (readonly [string, string, string])[] = [
  ['logs:CreateLogStream', `${OWN_LOG_GROUP}:*`, 'Lambda writes the function logs with the role'],
  ['logs:CreateLogGroup', `${OWN_LOG_GROUP}:*`, "the framework's default next to CreateLogStream"],
  ['logs:TagResource', `${OWN_LOG_GROUP}:*`, "the framework's default: tags on the function's log group"],
  ['logs:PutLogEvents', `${OWN_LOG_GROUP}:*:*`, 'Lambda writes the function logs with the role'],
  ['sqs:SendMessage', 'GetAtt:FailedInvocationsQueue.Arn', 'Lambda delivers failed async events with it'],
];

const pair = (action: string, resource: string) => `${action.toLowerCase()} on ${resource}`;

/**
 * The one Delete* the role may hold, on one resource: Lambda's event source mapping deletes the messages
 * of a batch whose run returned, from the event queue only (DESIGN rule 1 holds for everything else).
 */
export const QUEUE_DELETE = pair('sqs:DeleteMessage', RESOURCE_OF.eventQueue);

/**
 * Every `action on resource` the declared grants and the stack infrastructure need, when the function
 * keeps the alarms named `alarms` (the security group control's by default).
 */
export function expectedPairs(declared: readonly Grant[], alarms = DEFAULT_ALARMS): Set<string> {
  const pairs = declared.flatMap((g) => scopeOf(g.resource, alarms).map((r) => pair(g.action, r)));
  return new Set([...pairs, ...INFRASTRUCTURE.map(([action, resource]) => pair(action, resource))]);
}

/** One IAM policy statement as the template holds it. */
export type Statement = Readonly<Record<string, unknown>>;

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** What is wrong with a role's statements against the expected pairs; empty when it grants exactly them. */
export function grantProblems(statements: readonly Statement[], expected: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const granted = new Set<string>();
  statements.forEach((s, i) => {
    if (s.Effect !== 'Allow' || 'NotAction' in s || 'NotResource' in s || 'Condition' in s) {
      problems.push(`statement ${i} is not a plain Allow of Action on Resource`);
    }
    for (const action of list(s.Action).map(String)) {
      if (action.includes('*')) problems.push(`wildcard action ${action}`);
      const deletes = list(s.Resource).some((r) => pair(action, resolve(r)) !== QUEUE_DELETE);
      if (/^[\w-]+:delete/i.test(action) && deletes) problems.push(`Delete action ${action}`);
      for (const resource of list(s.Resource)) granted.add(pair(action, resolve(resource)));
    }
  });
  for (const p of expected) if (!granted.has(p)) problems.push(`missing: ${p}`);
  for (const p of granted) if (!expected.has(p)) problems.push(`not declared: ${p}`);
  return problems;
}
