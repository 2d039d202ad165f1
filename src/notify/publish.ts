import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { attempt } from '../aws/errors';
import { grants } from '../aws/grants';
import { type Alert, snsMessage } from './message';

/** IAM actions notifying calls: publishing to the enforcer's own topic. */
export const NOTIFY_GRANTS = grants('topic', 'sns:Publish');

/** Publishes one alert to the topic; returns the SNS message id. Throws AwsCallError on failure. */
export async function publishAlert(sns: SNSClient, topicArn: string, alert: Alert): Promise<string> {
  const input = {
    TopicArn: topicArn,
    Subject: alert.subject,
    Message: snsMessage(alert),
    MessageStructure: 'json',
    MessageAttributes: alert.attributes,
  };
  const output = await attempt('notify', 'sns:Publish', topicArn, () => sns.send(new PublishCommand(input)));
  return output.MessageId ?? '';
}
