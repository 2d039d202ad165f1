import { CALL_CONTEXTS, type CallContext, cloudTrailRecord, PLAIN_CALL } from './cloudtrail';

/** One generated CloudTrail record and how a report names it. */
export interface CorpusEntry {
  readonly label: string;
  readonly eventName: string | undefined;
  readonly record: Readonly<Record<string, unknown>>;
}

const EC2 = 'ec2.amazonaws.com';

/** Real events next to the security-group ones: same service, similar names, or a different service. */
const NEIGHBOURS: readonly (readonly [source: string, names: readonly string[]])[] = [
  [
    EC2,
    [
      'ModifySecurityGroupRules',
      'UpdateSecurityGroupRuleDescriptionsIngress',
      'UpdateSecurityGroupRuleDescriptionsEgress',
      'DescribeSecurityGroups',
      'DescribeSecurityGroupRules',
      'GetSecurityGroupsForVpc',
      'AssociateSecurityGroupVpc',
      'AuthorizeClientVpnIngress',
      'RevokeClientVpnIngress',
      'ApplySecurityGroupsToClientVpnTargetNetwork',
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'ReplaceNetworkAclEntry',
      'ModifyInstanceAttribute',
      'ModifyNetworkInterfaceAttribute',
      'CreateVpc',
      'RunInstances',
      'CreateTags',
    ],
  ],
  [
    'rds.amazonaws.com',
    ['AuthorizeDBSecurityGroupIngress', 'RevokeDBSecurityGroupIngress', 'CreateDBSecurityGroup'],
  ],
  ['elasticache.amazonaws.com', ['AuthorizeCacheSecurityGroupIngress', 'DeleteCacheSecurityGroup']],
  ['redshift.amazonaws.com', ['AuthorizeClusterSecurityGroupIngress']],
  ['iam.amazonaws.com', ['CreateUser', 'AttachRolePolicy']],
  ['signin.amazonaws.com', ['ConsoleLogin']],
  ['cloudtrail.amazonaws.com', ['StopLogging']],
  ['monitoring.amazonaws.com', ['DeleteAlarms']],
];

const PORTS = [22, 443, 3389, 80, 5432, -1, 0, 8080];
const corpora = new Map<string, readonly CorpusEntry[]>();

/** The corpus for a set of event names, built once per set: every way each is called, near misses, neighbours. */
export function corpusFor(eventNames: readonly string[]): readonly CorpusEntry[] {
  const key = eventNames.join('\n');
  let corpus = corpora.get(key);
  if (corpus === undefined) {
    corpus = buildCorpus(eventNames);
    corpora.set(key, corpus);
  }
  return corpus;
}

interface EntrySpec {
  readonly label: string;
  readonly eventName: string | undefined;
  readonly source: string;
  readonly call: CallContext;
}

function buildCorpus(eventNames: readonly string[]): readonly CorpusEntry[] {
  const specs: EntrySpec[] = eventNames.flatMap((name) =>
    CALL_CONTEXTS.map((call) => ({ label: `${name} ${call.note}`, eventName: name, source: EC2, call })),
  );
  const seen = new Set(eventNames);
  for (const [source, name] of outsiders(eventNames)) {
    if (seen.has(name)) continue;
    seen.add(name);
    specs.push({ label: name, eventName: name, source, call: PLAIN_CALL });
  }
  specs.push({ label: 'record without eventName', eventName: undefined, source: EC2, call: PLAIN_CALL });
  return specs.map(({ label, eventName, source, call }, serial) => {
    const parameters = parametersFor(eventName ?? '', serial);
    return { label, eventName, record: cloudTrailRecord(source, eventName, call, parameters, serial) };
  });
}

/** Events outside the set: near misses of each name first, then the real neighbours. */
function outsiders(eventNames: readonly string[]): (readonly [source: string, name: string])[] {
  return [
    ...eventNames.flatMap((name) => nearMisses(name).map((miss) => [EC2, miss] as const)),
    ...NEIGHBOURS.flatMap(([source, names]) => names.map((name) => [source, name] as const)),
  ];
}

/** Names a broadened or mistyped pattern would also catch: other cases, a prefix, a suffix. */
function nearMisses(name: string): string[] {
  const camel = name.charAt(0).toLowerCase() + name.slice(1);
  return [name.toLowerCase(), name.toUpperCase(), camel, `${name}X`, `Batch${name}`];
}

function parametersFor(name: string, serial: number): Record<string, unknown> {
  const groupId = `sg-0${(0x1a2b3c4d + serial).toString(16)}`;
  const port = PORTS[serial % PORTS.length] ?? 22;
  if (/SecurityGroup(Ingress|Egress)$/.test(name)) {
    const range = { items: [{ cidrIp: serial % 2 === 0 ? '0.0.0.0/0' : '10.0.0.0/16' }] };
    const rule = { ipProtocol: port < 0 ? '-1' : 'tcp', fromPort: port, toPort: port, ipRanges: range };
    return { groupId, ipPermissions: { items: [rule] } };
  }
  if (name === 'CreateSecurityGroup') {
    return { groupName: `web-${serial}`, groupDescription: 'web tier', vpcId: 'vpc-0a1b2c3d' };
  }
  if (name === 'ModifySecurityGroupRules') {
    const rule = { IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIpv4: '0.0.0.0/0' };
    const change = { SecurityGroupRuleId: `sgr-0${serial}`, SecurityGroupRule: rule };
    return { ModifySecurityGroupRulesRequest: { GroupId: groupId, SecurityGroupRule: change } };
  }
  return { groupId };
}
