/**
 * Resource types moto 5.2.5's CloudFormation has no model for: it skips each with a warning and lists
 * it as a resource with no logical id and no type, so a stack completes without them. The emulator
 * CloudFormation tests count those entries (a moto that models one shows there), and
 * test/deploy/template.test.ts and test/deploy/event-queue.test.ts check their properties in the template.
 */
export const UNMODELLED: readonly string[] = [
  'AWS::CloudWatch::Alarm',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SQS::QueuePolicy',
  'AWS::S3::BucketPolicy',
];
