/**
 * Which service writes each event name of the CIS monitoring family (CIS 4.1–4.15, Prowler's three
 * extra Organizations names): the exact judge only considers records in which a listed name comes
 * from one of its sources. A name not listed may come from any source. Names several services
 * share list every source known to use them; listing too many only makes the judge stricter.
 * Source: /work/shared/research/cis-monitoring-controls.md §2–§4 (and the services' API references
 * for the shared names, marked below).
 */
const EC2 = 'ec2.amazonaws.com';
const IAM = 'iam.amazonaws.com';
const ORGANIZATIONS = 'organizations.amazonaws.com';
const IOT = 'iot.amazonaws.com';

const BY_SOURCE: readonly (readonly [source: string, names: readonly string[]])[] = [
  ['s3.amazonaws.com', ['HeadBucket', 'PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors']],
  ['s3.amazonaws.com', ['PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy']],
  ['s3.amazonaws.com', ['DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']],
  ['signin.amazonaws.com', ['ConsoleLogin']],
  [IAM, ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy']],
  [IAM, ['PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion']],
  [IAM, ['AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy']],
  [IAM, ['AttachGroupPolicy', 'DetachGroupPolicy']],
  ['cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']],
  ['kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']],
  ['config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel']],
  ['config.amazonaws.com', ['PutConfigurationRecorder']],
  [EC2, ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress']],
  [
    EC2,
    ['RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules'],
  ],
  [EC2, ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry']],
  [EC2, ['ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation', 'CreateCustomerGateway']],
  [EC2, ['DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway']],
  [EC2, ['DetachInternetGateway', 'CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'DeleteRouteTable']],
  [EC2, ['ReplaceRouteTableAssociation', 'DeleteRoute', 'DisassociateRouteTable', 'CreateVpc', 'DeleteVpc']],
  [EC2, ['ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection']],
  [EC2, ['DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc']],
  [EC2, ['DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink']],
  [ORGANIZATIONS, ['AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit']],
  [ORGANIZATIONS, ['CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit']],
  [ORGANIZATIONS, ['DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType']],
  [ORGANIZATIONS, ['InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount']],
  [ORGANIZATIONS, ['RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit']],
  [ORGANIZATIONS, ['CancelHandshake', 'CreateOrganization', 'EnableAllFeatures']],
  // Shared names (research §4.4 and §4.13 name the overlap; the services' API references list the calls).
  [IOT, ['CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion']],
  [IOT, ['AttachPolicy', 'DetachPolicy']],
  ['verifiedpermissions.amazonaws.com', ['CreatePolicy', 'DeletePolicy', 'UpdatePolicy']],
  ['fms.amazonaws.com', ['DeletePolicy']],
  ['autoscaling.amazonaws.com', ['DeletePolicy']],
  ['chime.amazonaws.com', ['CreateAccount']],
  ['apigateway.amazonaws.com', ['CreateRoute', 'DeleteRoute']],
  ['appmesh.amazonaws.com', ['CreateRoute', 'DeleteRoute']],
  ['s3-outposts.amazonaws.com', ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle']],
  ['s3-outposts.amazonaws.com', ['DeleteBucketLifecycle', 'PutBucketReplication', 'DeleteBucketReplication']],
];

const SOURCES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [source, names] of BY_SOURCE) {
    for (const name of names) {
      const sources = map.get(name) ?? [];
      if (!sources.includes(source)) sources.push(source);
      map.set(name, sources);
    }
  }
  return map;
})();

/** The event sources that write `eventName`, or undefined when the name is not in the table (any source). */
export function eventSourcesOf(eventName: string): readonly string[] | undefined {
  return SOURCES.get(eventName);
}
