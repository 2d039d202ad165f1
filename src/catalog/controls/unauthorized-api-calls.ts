import { control, entry, text } from '../build';
import { AND_BEFORE_OR } from '../sources';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.1 (checked against the SP, P, SH and ASR snapshots).
const V1_2 = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }';
const V1_3_ALL_OR =
  '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ' +
  '($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }';
const V1_4_REPORTED =
  '{(($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")) && ' +
  '(($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}';
const V2_0 =
  '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ' +
  '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
const V6_0 =
  '{ ($.errorCode="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ' +
  '($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }';
const P_UNQUOTED =
  '{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) && ' +
  '($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }';
const SECURITY_HUB = '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}';

const BINDING = `${AND_BEFORE_OR}. So this reads A || (B && C && D): every *UnauthorizedOperation error counts, and the two exclusions apply to AccessDenied* errors only.`;
const QUOTES_DROPPED = "Prowler's JSON drops every double quote from v4.0 on (an extraction artifact).";

const v2Text = (source: string) => text(V2_0, source, 'same', { binding: BINDING });

/** CIS 4.1 (3.1 in v1.2, 5.1 from v6.0; Security Hub CloudWatch.2): unauthorized API calls. */
export const UNAUTHORIZED_API_CALLS: CatalogControl = control({
  key: 'unauthorized-api-calls',
  n: 1,
  securityHub: 'CloudWatch.2',
  title: 'Ensure unauthorized API calls are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for unauthorized API calls',
  stem: 'UnauthorizedAPICalls',
  metricName: 'UnauthorizedAPICallsEventCount',
  profiles: {
    'cis-v1.2': entry([
      text(V1_2, 'CIS v1.2.0 3.1 (SP cis_v120)'),
      text(SECURITY_HUB, 'Security Hub CloudWatch.2, which audits CIS v1.2.0 3.1 (SH; ASR writes the same)'),
    ]),
    cis: entry(
      [
        v2Text('CIS v2.0.0–v4.0.1 (SP cis_v200, cis_v300, cis_v400)'),
        text(P_UNQUOTED, 'CIS v4.0.1 (P cis_4.0 remediation)', 'same', {
          binding: BINDING,
          note: QUOTES_DROPPED,
        }),
        text(V1_3_ALL_OR, 'CIS v1.3.0–v1.5.0 (SP cis_v130–v150; P cis_1.4–3.0 keep it)', 'different', {
          note:
            'Every term is joined by ||: $.sourceIPAddress != "delivery.logs.amazonaws.com" alone matches nearly ' +
            'every record, so the alarm would sit in ALARM and never notify again. Not written, not accepted.',
        }),
        text(
          V1_4_REPORTED,
          'reported as CIS v1.4.0 (nozaq/terraform-aws-secure-baseline #212, #233)',
          'different',
          {
            note: 'Not verified against the benchmark; the exclusions here apply to both error codes.',
          },
        ),
      ],
      'For CIS v1.3.0–v1.5.0 the enforcer writes the v2.0.0 text: their all-OR text counts nearly every call.',
    ),
    'cis-v5': entry([
      v2Text('CIS v5.0.0 (SP cis_v500)'),
      text(V6_0, 'CIS v6.0.0 5.1 (SP cis_v600)', 'same', { binding: BINDING }),
      text(P_UNQUOTED, 'CIS v5.0.0–v7.0 (P cis_5.0, cis_6.0 remediation)', 'same', {
        binding: BINDING,
        note: QUOTES_DROPPED,
      }),
    ]),
    securityhub: entry([
      text(SECURITY_HUB, 'Security Hub CloudWatch.2 (SH; ASR writes the same)'),
      text(V1_2, 'CIS v1.2.0 3.1 (SP cis_v120), the control CloudWatch.2 audits'),
    ]),
  },
});
