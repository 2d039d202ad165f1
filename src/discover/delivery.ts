import type { GetTrailStatusCommandOutput, Trail } from '@aws-sdk/client-cloudtrail';

/**
 * How much later than the last CloudWatch Logs delivery the last S3 delivery may be before the CloudWatch
 * Logs error counts as current. CloudTrail delivers log files to S3 about every 5 minutes and events to
 * CloudWatch Logs within minutes of the call: while both work their times stay close.
 */
export const DELIVERY_SLACK_MS = 15 * 60 * 1000;
/** A last CloudWatch Logs delivery older than this, with an error reported, is failing (CIS: "recent", a day). */
export const DELIVERY_STALE_MS = 24 * 60 * 60 * 1000;

/** What GetTrailStatus tells about the trail's CloudWatch Logs delivery, when it reports an error. */
export interface DeliveryTrouble {
  readonly message: string;
  /** True when delivery is failing now: every filter on the log group sees nothing. */
  readonly blocking: boolean;
}

const at = (d: Date | undefined) => (d ? d.toISOString() : 'never');

/**
 * Whether the reported error is newer than the last successful delivery. The API gives the error no
 * time of its own (`LatestCloudWatchLogsDeliveryError` is a string, `LatestCloudWatchLogsDeliveryTime`
 * the last success), so "newer" is read from the times there are: no success ever; the trail delivered
 * log files to S3 (`LatestDeliveryTime`, its own clock of events to deliver) more than
 * DELIVERY_SLACK_MS after its last CloudWatch Logs delivery; or that delivery is older than a day.
 */
function isCurrent(status: GetTrailStatusCommandOutput, now: number): boolean {
  const logs = status.LatestCloudWatchLogsDeliveryTime;
  if (!logs) return true;
  const s3 = status.LatestDeliveryTime;
  if (s3 && s3.getTime() - logs.getTime() > DELIVERY_SLACK_MS) return true;
  return now - logs.getTime() > DELIVERY_STALE_MS;
}

/**
 * The finding a trail's CloudWatch Logs delivery error makes, from the GetTrailStatus answer already
 * read and the trail's DescribeTrails fields (its role); undefined when no error is reported. The
 * enforcer never changes the trail's role: the finding says what to fix.
 */
export function deliveryTrouble(
  status: GetTrailStatusCommandOutput,
  trail: Trail,
  logGroupName: string,
  now: number,
): DeliveryTrouble | undefined {
  const error = status.LatestCloudWatchLogsDeliveryError?.trim();
  if (!error) return undefined;
  const name = trail.Name ?? trail.TrailARN ?? '(unnamed)';
  const role = trail.CloudWatchLogsRoleArn
    ? `its CloudWatch Logs role ${trail.CloudWatchLogsRoleArn}`
    : 'it names no CloudWatch Logs role';
  const times = `last successful delivery ${at(status.LatestCloudWatchLogsDeliveryTime)}, last S3 delivery ${at(status.LatestDeliveryTime)}`;
  if (!isCurrent(status, now)) {
    return {
      blocking: false,
      message: `trail ${name} reported a CloudWatch Logs delivery error ("${error}") but delivered to ${logGroupName} since (${times}); ${role}`,
    };
  }
  return {
    blocking: true,
    message: `trail ${name} is not delivering to log group ${logGroupName}: CloudTrail reports "${error}" (${times}), so no metric filter there counts an event and no alarm can fire. Fix ${role}: it must exist, trust cloudtrail.amazonaws.com and allow logs:CreateLogStream and logs:PutLogEvents on ${logGroupName} (or point the trail at a role that does with aws cloudtrail update-trail --cloud-watch-logs-role-arn); the enforcer never changes the trail's role`,
  };
}
