import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';

/** The SDK clients every step receives as its first parameter. */
export interface Clients {
  readonly cloudtrail: CloudTrailClient;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  /** Reads the topic's customer managed key only (DescribeKey, GetKeyPolicy). */
  readonly kms: KMSClient;
  readonly sns: SNSClient;
  readonly sts: STSClient;
}

/** How long one call may take at most: attempts, and the time each attempt may take to connect and to answer. */
export interface ClientLimits {
  readonly maxAttempts: number;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** Bounded per-attempt timeouts (requestTimeout covers the whole attempt) so a hung endpoint cannot eat the Lambda timeout; the SDK retries. */
export const CLIENT_LIMITS: ClientLimits = {
  maxAttempts: 4,
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 10_000,
};

/** Every client's options: the region, the bounded attempts and the bounded connection and answer times. */
export function clientOptions(region: string, limits: ClientLimits = CLIENT_LIMITS) {
  return {
    region,
    maxAttempts: limits.maxAttempts,
    requestHandler: {
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes and the call keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}

/** Builds the clients once per cold start, for one region; AWS_ENDPOINT_URL is honoured by the SDK itself. */
export function createClients(region: string, limits: ClientLimits = CLIENT_LIMITS): Clients {
  const options = clientOptions(region, limits);
  return {
    cloudtrail: new CloudTrailClient(options),
    cloudwatch: new CloudWatchClient(options),
    logs: new CloudWatchLogsClient(options),
    kms: new KMSClient(options),
    sns: new SNSClient(options),
    sts: new STSClient(options),
  };
}
