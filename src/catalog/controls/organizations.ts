import { control, entry, text } from '../build';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.15 (checked against the SP and P snapshots).
const QUOTED =
  '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ' +
  '($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ' +
  '($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ' +
  '($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ' +
  '($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ' +
  '($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ' +
  '($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ' +
  '($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ' +
  '($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ' +
  '($.eventName = "UpdateOrganizationalUnit")) }';
/** SP cis_v130–v150 print one term without the blank after `=`; otherwise the same text. */
const QUOTED_V1_3 = QUOTED.replace(
  '($.eventName = "InviteAccountToOrganization")',
  '($.eventName ="InviteAccountToOrganization")',
);
const UNQUOTED =
  '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ' +
  '($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ' +
  '($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ' +
  '($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ' +
  '($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ' +
  '($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ' +
  '($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ' +
  '($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ' +
  '($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ' +
  '($.eventName = UpdateOrganizationalUnit)) }';

const CIS = entry(
  [
    text(QUOTED, 'CIS v1.3.0–v5.0.0 (P cis_1.4–3.0; SP cis_v200–v500)'),
    text(QUOTED_V1_3, 'CIS v1.3.0–v1.5.0 (SP cis_v130–v150)'),
    text(UNQUOTED, 'CIS v4.0.1–v7.0 (P cis_4.0–7.0)', 'same', {
      note: "Prowler's JSON drops every double quote from v4.0 on; CloudSploit expects these unquoted names.",
    }),
  ],
  'SP cis_v600 prints `($.eventName = AcceptHandshake")`, an unbalanced quote that does not parse; it is left out.',
);

/** CIS 4.15 (5.15 from v6.0; none in v1.2, no Security Hub control): AWS Organizations changes. */
export const ORGANIZATIONS_CHANGES: CatalogControl = control({
  key: 'organizations-changes',
  n: 15,
  title: 'Ensure AWS Organizations changes are monitored',
  stem: 'OrganizationsChanges',
  metricName: 'OrganizationsEventCount',
  profiles: {
    'cis-v1.2': { ...CIS, note: 'CIS v1.2.0 has no Organizations control: the CIS v1.3.0+ text.' },
    cis: CIS,
    'cis-v5': CIS,
    securityhub: { ...CIS, note: 'Security Hub has no control for 4.15 (and ASR no mapping): the CIS text.' },
  },
  notes: [
    'Meaningful in the Organizations management account only ("changes made in the master AWS Account").',
    'Prowler requires 21 names (adds CancelHandshake, CreateOrganization, EnableAllFeatures): the CIS text fails it.',
  ],
});
