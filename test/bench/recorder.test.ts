import { Readable } from 'node:stream';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { recordCalls } from '../../scripts/bench/calls';
import type { Clients } from '../../src/aws/clients';

const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/a</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
</GetCallerIdentityResponse>`;
const DENIED = `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>`;

/** An STS client answering every request with `status` and `xml`, without any network. */
function stsAnswering(status: number, xml: string): STSClient {
  const requestHandler = {
    handle: async () => ({
      response: { statusCode: status, headers: {}, body: Readable.from([Buffer.from(xml)]) },
    }),
  };
  const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
  return new STSClient({ region: 'us-east-1', credentials, requestHandler, maxAttempts: 1 });
}

function clientsWith(sts: STSClient): Clients {
  const options = { region: 'us-east-1' };
  return {
    sts,
    cloudtrail: new CloudTrailClient(options),
    cloudwatch: new CloudWatchClient(options),
    logs: new CloudWatchLogsClient(options),
    kms: new KMSClient(options),
    sns: new SNSClient(options),
  };
}

describe('recordCalls', () => {
  it('records each send with its operation, start and end, and hands the records over once', async () => {
    const clients = clientsWith(stsAnswering(200, IDENTITY));
    const recorder = recordCalls(clients);
    await clients.sts.send(new GetCallerIdentityCommand({}));
    await clients.sts.send(new GetCallerIdentityCommand({}));
    const calls = recorder.take();
    expect(calls.map((c) => [c.operation, c.ok])).toEqual([
      ['GetCallerIdentity', true],
      ['GetCallerIdentity', true],
    ]);
    for (const call of calls) expect(call.end).toBeGreaterThanOrEqual(call.start);
    expect((calls[1]?.start ?? 0) >= (calls[0]?.end ?? Infinity)).toBe(true);
    expect(recorder.take()).toEqual([]);
  });

  it('records a failed call as not ok and lets the error through', async () => {
    const clients = clientsWith(stsAnswering(403, DENIED));
    const recorder = recordCalls(clients);
    await expect(clients.sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow('no');
    expect(recorder.take().map((c) => [c.operation, c.ok])).toEqual([['GetCallerIdentity', false]]);
  });
});
