import { control, entry, text, uniform } from '../build';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.2–2.3 (checked against the SP, P, SH and ASR snapshots).
const MFA = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
const MFA_V1_3 = '{($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
const MFA_V6_0 = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes") }';
const MFA_SSO =
  '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ' +
  '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';
const MFA_ASR = '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed !="Yes")}';

const SSO_NOTE =
  'The benchmark\'s "Or (To reduce false positives incase Single Sign-On (SSO) is used in organization)" form: ' +
  "it counts IAM users' successful sign-ins only, so root and federated sign-ins without MFA are not counted.";
const sso = (source: string) => text(MFA_SSO, source, 'alternative', { note: SSO_NOTE });

/** CIS 4.2 (3.2 in v1.2, 5.2 from v6.0; Security Hub CloudWatch.3): console sign-in without MFA. */
export const CONSOLE_SIGNIN_WITHOUT_MFA: CatalogControl = control({
  key: 'console-signin-without-mfa',
  n: 2,
  securityHub: 'CloudWatch.3',
  title: 'Ensure management console sign-in without MFA is monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for Management Console sign-in without MFA',
  stem: 'ConsoleSignInWithoutMFA',
  metricName: 'ConsoleSignInWithoutMFAEventCount',
  profiles: {
    'cis-v1.2': entry([text(MFA, 'CIS v1.2.0 3.2 (SP cis_v120)'), text(MFA_ASR, 'ASR for CIS v1.2.0 3.2')]),
    cis: entry([
      text(MFA, 'CIS v1.4.0–v4.0.1 (P cis_1.4–3.0 audit; SP cis_v200–v400)'),
      text(MFA_V1_3, 'CIS v1.3.0–v1.5.0 (SP cis_v130–v150)'),
      sso('CIS v1.4.0–v4.0.1 (P cis_1.4 audit; SP cis_v200–v400)'),
    ]),
    'cis-v5': entry([
      text(MFA, 'CIS v5.0.0 (SP cis_v500)'),
      text(MFA_V6_0, 'CIS v6.0.0 5.2 (SP cis_v600)'),
      sso('CIS v5.0.0 (SP cis_v500; P cis_5.0–7.0 list it without quotes)'),
    ]),
    securityhub: entry(
      [
        text(MFA_SSO, 'Security Hub CloudWatch.3 since 2022-05-19 (SH, commit e7ee0c4)'),
        text(MFA_ASR, 'ASR today; Security Hub CloudWatch.3 before 2022-05-19', 'alternative', {
          note: "AWS's own remediation writes it, so it is accepted; the enforcer writes the documented text.",
        }),
      ],
      'Which of its two texts Security Hub accepts is not documented; the enforcer writes the documented one.',
    ),
  },
});

const ROOT =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const ROOT_V6_0 =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent"}';
const ROOT_UNQUOTED =
  '{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }';
const ROOT_SH =
  '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}';

/** CIS 4.3 (3.3 in v1.2, 5.3 from v6.0; Security Hub CloudWatch.1): usage of the root user. */
export const ROOT_USAGE: CatalogControl = control({
  key: 'root-usage',
  n: 3,
  securityHub: 'CloudWatch.1',
  title: "Ensure usage of the 'root' account is monitored",
  securityHubTitle: 'A log metric filter and alarm should exist for usage of the "root" user',
  stem: 'RootAccountUsage',
  metricName: 'RootAccountUsageEventCount',
  profiles: uniform(
    entry(
      [
        text(ROOT, 'CIS v1.2.0–v5.0.0 (SP cis_v120, cis_v400, cis_v500; P cis_1.4–3.0)'),
        text(ROOT_V6_0, 'CIS v6.0.0 5.3 (SP cis_v600)'),
        text(ROOT_UNQUOTED, 'CIS v4.0.1–v5.0.0 (P cis_4.0, cis_5.0)', 'same', {
          note: "Prowler's JSON drops every double quote from v4.0 on (an extraction artifact).",
        }),
      ],
      'SP cis_v130–v150 print "invokedByNOT EXISTS", a typo that does not parse; it is left out.',
    ),
    entry([text(ROOT_SH, 'Security Hub CloudWatch.1 (SH; ASR writes the same)')]),
  ),
  notes: ['Security Hub maps CloudWatch.1 to CIS v1.4.0 1.7 ("eliminate use of the root user"), not to 4.3.'],
});
