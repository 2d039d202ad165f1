import { control, entry, text, uniform } from '../build';
import { AND_BEFORE_OR } from '../sources';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.13–2.15 (checked against the SP, P, SH and ASR snapshots).
const ROUTES =
  '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ' +
  '($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ' +
  '($.eventName = DisassociateRouteTable) }';
const ROUTES_V1_2 =
  '{($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ' +
  '($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ' +
  '($.eventName = DisassociateRouteTable) }';
const ROUTES_AUDIT_V3 =
  '{($.eventSource = ec2.amazonaws.com) && ($.eventName =CreateRoute) || ($.eventName = CreateRouteTable) || ' +
  '($.eventName =ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName= DeleteRouteTable) || ' +
  '($.eventName = DeleteRoute) || ($.eventName =DisassociateRouteTable) }';
const ROUTES_AUDIT =
  '{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ' +
  '($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ' +
  '($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }';
const ROUTES_SH =
  '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ' +
  '($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ' +
  '($.eventName=DisassociateRouteTable)}';

const AUDIT_BINDING = `${AND_BEFORE_OR}. So this reads (eventSource = ec2.amazonaws.com && CreateRoute) || CreateRouteTable || …: the eventSource guard applies to CreateRoute only.`;
const NARROWER =
  'A benchmark text that counts CreateRoute from EC2 only. API Gateway v2 and App Mesh also write CreateRoute ' +
  '(research §4.13), so it is narrower than the remediation text by exactly those records; DeleteRoute stays unguarded.';
const REMEDIATION = 'CIS v1.2.0–v7.0 remediation, v1.2.0–v2.0.0 audit (SP cis_v200–v600; P cis_1.4–6.0)';
const audit = (pattern: string, source: string) =>
  text(pattern, source, 'alternative', { binding: AUDIT_BINDING, note: NARROWER });

/** CIS 4.13 (3.13 in v1.2, 5.13 from v6.0; Security Hub CloudWatch.13): route table changes. */
export const ROUTE_TABLE_CHANGES: CatalogControl = control({
  key: 'route-table-changes',
  n: 13,
  securityHub: 'CloudWatch.13',
  title: 'Ensure route table changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for route table changes',
  stem: 'RouteTableChanges',
  metricName: 'RouteTableEventCount',
  profiles: {
    'cis-v1.2': entry([text(ROUTES, REMEDIATION), text(ROUTES_V1_2, 'CIS v1.2.0 3.13 (SP cis_v120)')]),
    cis: entry(
      [
        text(ROUTES, REMEDIATION),
        audit(ROUTES_AUDIT_V3, 'CIS v3.0.0 audit (P cis_3.0)'),
        audit(ROUTES_AUDIT, 'CIS v4.0.1 audit (P cis_4.0)'),
      ],
      'Writes the remediation text, the one text every version from v1.3.0 to v4.0.1 prints.',
    ),
    'cis-v5': entry(
      [
        text(ROUTES_AUDIT, 'CIS v5.0.0–v7.0 audit (P cis_5.0–7.0)', 'same', { binding: AUDIT_BINDING }),
        text(ROUTES, REMEDIATION, 'alternative', {
          note: 'Also counts CreateRoute from API Gateway v2 and App Mesh; not written here, as Prowler requires $.eventSource.',
        }),
      ],
      'Writes the audit text: what "the output contains" in v5.0+, and what Prowler requires ($.eventSource).',
    ),
    securityhub: entry([text(ROUTES_SH, 'Security Hub CloudWatch.13 (SH; ASR writes the same)')]),
  },
});

const VPC =
  '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ' +
  '($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ' +
  '($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ' +
  '($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ' +
  '($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }';
const VPC_SH =
  '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ' +
  '($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ' +
  '($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ' +
  '($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ' +
  '($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}';

/** CIS 4.14 (3.14 in v1.2, 5.14 from v6.0; Security Hub CloudWatch.14): VPC changes. */
export const VPC_CHANGES: CatalogControl = control({
  key: 'vpc-changes',
  n: 14,
  securityHub: 'CloudWatch.14',
  title: 'Ensure VPC changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for VPC changes',
  stem: 'VPCChanges',
  metricName: 'VPCEventCount',
  profiles: uniform(
    entry(
      [text(VPC, 'CIS v1.2.0–v6.0.0 (SP cis_v120–v600)')],
      'The four ClassicLink calls are retired APIs; they stay because checkers compare the text.',
    ),
    entry([text(VPC_SH, 'Security Hub CloudWatch.14 (SH; ASR writes the same)')]),
  ),
});
