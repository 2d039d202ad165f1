import { control, entry, text, uniform } from '../build';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.4–2.6 (checked against the SP, SH and ASR snapshots).
const IAM =
  '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||' +
  '($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||' +
  '($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||' +
  '($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||' +
  '($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||' +
  '($.eventName=DetachGroupPolicy)}';
const IAM_SH =
  '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ' +
  '($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ' +
  '($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ' +
  '($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ' +
  '($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ' +
  '($.eventName=DetachGroupPolicy)}';

/** CIS 4.4 (3.4 in v1.2, 5.4 from v6.0; Security Hub CloudWatch.4): IAM policy changes. */
export const IAM_POLICY_CHANGES: CatalogControl = control({
  key: 'iam-policy-changes',
  n: 4,
  securityHub: 'CloudWatch.4',
  title: 'Ensure IAM policy changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for IAM policy changes',
  stem: 'IAMPolicyChanges',
  metricName: 'IAMPolicyEventCount',
  profiles: uniform(
    entry(
      [text(IAM, 'CIS v1.4.0–v7.0 (P cis_1.4–7.0 audit; SP cis_v400–v600)')],
      "SP's v1.2–v3.0 transcriptions carry PDF line-break debris ('$.eventNa me'); the later text is used.",
    ),
    entry([text(IAM_SH, 'Security Hub CloudWatch.4 (SH; ASR writes the same)')]),
  ),
  notes: [
    'No $.eventSource: CreatePolicy, DeletePolicy and others are also Organizations event names, which count too.',
  ],
});

const TRAIL =
  '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ' +
  '($.eventName = StartLogging) || ($.eventName = StopLogging) }';
const TRAIL_SH =
  '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ' +
  '($.eventName=StartLogging) || ($.eventName=StopLogging)}';

/** CIS 4.5 (3.5 in v1.2, 5.5 from v6.0; Security Hub CloudWatch.5): CloudTrail configuration changes. */
export const CLOUDTRAIL_CONFIG_CHANGES: CatalogControl = control({
  key: 'cloudtrail-config-changes',
  n: 5,
  securityHub: 'CloudWatch.5',
  title: 'Ensure CloudTrail configuration changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for CloudTrail AWS Configuration changes',
  stem: 'CloudTrailConfigChanges',
  metricName: 'CloudTrailConfigEventCount',
  profiles: uniform(
    entry([text(TRAIL, 'CIS v1.2.0–v6.0.0 (SP cis_v120–v600)')]),
    entry([text(TRAIL_SH, 'Security Hub CloudWatch.5 (SH; ASR writes the same)')]),
  ),
});

const AUTH = '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }';
const AUTH_SH = '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}';

/** CIS 4.6 (3.6 in v1.2, 5.6 from v6.0; Security Hub CloudWatch.6): console authentication failures. */
export const CONSOLE_AUTH_FAILURES: CatalogControl = control({
  key: 'console-auth-failures',
  n: 6,
  securityHub: 'CloudWatch.6',
  title: 'Ensure AWS Management Console authentication failures are monitored',
  securityHubTitle:
    'Ensure a log metric filter and alarm exist for AWS Management Console authentication failures',
  stem: 'ConsoleAuthenticationFailures',
  metricName: 'ConsoleAuthenticationFailureEventCount',
  profiles: uniform(
    entry(
      [text(AUTH, 'CIS v1.2.0–v6.0.0 (SP cis_v120–v600)')],
      "P's v4.0+ JSON prints the value without quotes, which does not parse (two words); SP's text is used.",
    ),
    entry([text(AUTH_SH, 'Security Hub CloudWatch.6 (SH; ASR writes the same)')]),
  ),
});
