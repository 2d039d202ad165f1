import { control, entry, text, uniform } from '../build';
import type { CatalogControl } from '../types';

// Texts verbatim from research/cis-monitoring-controls.md §2.7–2.9 and §4 (checked against the SP, SH and ASR snapshots).
const KMS =
  '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }';
const KMS_SH =
  '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}';

/** CIS 4.7 (3.7 in v1.2, 5.7 from v6.0; Security Hub CloudWatch.7): disabling or scheduled deletion of CMKs. */
export const CMK_DISABLE_OR_DELETION: CatalogControl = control({
  key: 'cmk-disable-or-deletion',
  n: 7,
  securityHub: 'CloudWatch.7',
  title: 'Ensure disabling or scheduled deletion of customer created CMKs is monitored',
  securityHubTitle:
    'Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer managed keys',
  stem: 'DisableOrDeleteCMK',
  metricName: 'DisableOrDeleteCMKEventCount',
  profiles: uniform(
    entry([text(KMS, 'CIS v1.2.0–v6.0.0 (SP cis_v120–v600)')]),
    entry([text(KMS_SH, 'Security Hub CloudWatch.7 (SH; ASR writes the same)')]),
  ),
  notes: [
    'The trail must not exclude kms.amazonaws.com (ExcludeManagementEventSources): Security Hub fails CloudWatch.7 then.',
  ],
});

const S3 =
  '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ' +
  '($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ' +
  '($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ' +
  '($.eventName = DeleteBucketReplication)) }';
const S3_SCOUTSUITE =
  '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ' +
  '($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ' +
  '($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketReplication)) }';
const S3_SH =
  '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ' +
  '($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ' +
  '($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ' +
  '($.eventName=DeleteBucketReplication))}';

const s3Cis = text(S3, 'CIS v1.2.0–v6.0.0 (SP cis_v120–v600)');

/** CIS 4.8 (3.8 in v1.2, 5.8 from v6.0; Security Hub CloudWatch.8): S3 bucket policy changes. */
export const S3_BUCKET_POLICY_CHANGES: CatalogControl = control({
  key: 's3-bucket-policy-changes',
  n: 8,
  securityHub: 'CloudWatch.8',
  title: 'Ensure S3 bucket policy changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for S3 bucket policy changes',
  stem: 'S3BucketPolicyChanges',
  metricName: 'S3BucketPolicyEventCount',
  profiles: {
    ...uniform(entry([s3Cis]), entry([text(S3_SH, 'Security Hub CloudWatch.8 (SH; ASR writes the same)')])),
    'cis-v1.2': entry([
      s3Cis,
      text(S3_SCOUTSUITE, 'ScoutSuite 3.8 (SS base.py line 53)', 'different', {
        note: 'Lacks DeleteBucketCors and DeleteBucketLifecycle: a CIS-exact filter fails ScoutSuite 3.8. Not accepted.',
      }),
    ]),
  },
});

const CONFIG =
  '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||' +
  '($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }';
const CONFIG_V1_2 =
  '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||' +
  '($.eventName=DeleteDeliveryChannel) ||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }';
const CONFIG_SH =
  '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ' +
  '($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}';

/** CIS 4.9 (3.9 in v1.2, 5.9 from v6.0; Security Hub CloudWatch.9): AWS Config configuration changes. */
export const CONFIG_CHANGES: CatalogControl = control({
  key: 'config-changes',
  n: 9,
  securityHub: 'CloudWatch.9',
  title: 'Ensure AWS Config configuration changes are monitored',
  securityHubTitle: 'Ensure a log metric filter and alarm exist for AWS Config configuration changes',
  stem: 'AWSConfigChanges',
  metricName: 'AWSConfigEventCount',
  profiles: uniform(
    entry([
      text(CONFIG, 'CIS v1.4.0–v7.0 (P cis_1.4–7.0; SP cis_v400–v600)'),
      text(CONFIG_V1_2, 'CIS v1.2.0–v3.0.0 (SP cis_v120, cis_v200, cis_v300)'),
    ]),
    entry([text(CONFIG_SH, 'Security Hub CloudWatch.9 (SH; ASR writes the same)')]),
  ),
});
