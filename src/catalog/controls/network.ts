import { control, entry, text, uniform } from '../build';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.10–2.12 and the project seed
// (checked against the SP, P, SH and ASR snapshots).
const SG =
  '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ' +
  '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
  '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
const SG_V1_2 =
  '{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ' +
  '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
  '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
const SG_SEED =
  '{($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName =AuthorizeSecurityGroupEgress) || ' +
  '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
  '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }';
const SG_V5 =
  '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ' +
  '($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ' +
  '($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ' +
  '($.eventName = ModifySecurityGroupRules) }';
const SG_SH =
  '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ' +
  '($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ' +
  '($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}';

const sgCis = text(SG, 'CIS v1.2.0–v4.0.1 (P cis_1.4 audit; SP cis_v200–v400)');

/** CIS 4.10 (3.10 in v1.2, 5.10 from v6.0; Security Hub CloudWatch.10): security group changes. */
export const SECURITY_GROUP_CHANGES: CatalogControl = control({
  key: 'security-group-changes',
  n: 10,
  securityHub: 'CloudWatch.10',
  title: 'Ensure security group changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for security group changes',
  stem: 'SecurityGroupChanges',
  metricName: 'SecurityGroupEventCount',
  profiles: {
    'cis-v1.2': entry([sgCis, text(SG_V1_2, 'CIS v1.2.0 3.10 (SP cis_v120)')]),
    cis: entry([sgCis, text(SG_SEED, 'remediation page in the project seed (shared/seed/cis-4.10-…)')]),
    'cis-v5': entry([
      text(SG_V5, 'CIS v5.0.0–v7.0 (SP cis_v500, cis_v600; P cis_5.0–7.0)'),
      text(SG, 'CIS v1.2.0–v4.0.1', 'different', {
        note: 'Misses ModifySecurityGroupRules, which v5.0.0 added ("modifies the rules of a security group").',
      }),
    ]),
    securityhub: entry([text(SG_SH, 'Security Hub CloudWatch.10 (SH; ASR writes the same)')]),
  },
});

const NACL =
  '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ' +
  '($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ' +
  '($.eventName = ReplaceNetworkAclAssociation) }';
const NACL_V1_2 =
  '{ ($.eventName = CreateNetworkAcl) || ($.eventName =  CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ' +
  '($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ' +
  '($.eventName = ReplaceNetworkAclAssociation) }';
const NACL_SH =
  '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ' +
  '($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ' +
  '($.eventName=ReplaceNetworkAclAssociation)}';

/** CIS 4.11 (3.11 in v1.2, 5.11 from v6.0; Security Hub CloudWatch.11): network ACL changes. */
export const NACL_CHANGES: CatalogControl = control({
  key: 'nacl-changes',
  n: 11,
  securityHub: 'CloudWatch.11',
  title: 'Ensure Network Access Control List (NACL) changes are monitored',
  securityHubTitle:
    'Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)',
  stem: 'NACLChanges',
  metricName: 'NACLEventCount',
  profiles: uniform(
    entry([
      text(NACL, 'CIS v2.0.0–v6.0.0 (SP cis_v200–v600)'),
      text(NACL_V1_2, 'CIS v1.2.0 3.11 (SP cis_v120)'),
    ]),
    entry([text(NACL_SH, 'Security Hub CloudWatch.11 (SH; ASR writes the same)')]),
  ),
});

const GATEWAY =
  '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ' +
  '($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ' +
  '($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }';
const GATEWAY_V1_2 =
  '{($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ' +
  '($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ' +
  '($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }';
const GATEWAY_SH =
  '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ' +
  '($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ' +
  '($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}';

/** CIS 4.12 (3.12 in v1.2, 5.12 from v6.0; Security Hub CloudWatch.12): network gateway changes. */
export const NETWORK_GATEWAY_CHANGES: CatalogControl = control({
  key: 'network-gateway-changes',
  n: 12,
  securityHub: 'CloudWatch.12',
  title: 'Ensure changes to network gateways are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for changes to network gateways',
  stem: 'NetworkGatewayChanges',
  metricName: 'NetworkGatewayEventCount',
  profiles: uniform(
    entry([
      text(GATEWAY, 'CIS v2.0.0–v6.0.0 (SP cis_v200–v600)'),
      text(GATEWAY_V1_2, 'CIS v1.2.0 3.12 (SP cis_v120)'),
    ]),
    entry([text(GATEWAY_SH, 'Security Hub CloudWatch.12 (SH; ASR writes the same)')]),
  ),
});
