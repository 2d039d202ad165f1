import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import {
  MAX_RESPONSE_BYTES,
  type Outcome,
  RESPONSE_LIMITS,
  ResponseError,
  responseFor,
  sendResponse,
} from '../../src/triggers/cfn-response';
import { type ResponseServer, startResponseServer } from './response-server';

const create = (ResponseURL: string): CloudFormationCustomResourceEvent => ({
  RequestType: 'Create',
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:cis-monitoring-enforcer-prod-reconcile',
  ResponseURL,
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/cis-monitoring-enforcer-prod/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'ReconcileOnDeploy',
  ResourceType: 'Custom::ReconcileOnDeploy',
  ResourceProperties: { ServiceToken: 'token', DeployId: '1764000000000' },
});

const ok: Outcome = { status: 'SUCCESS', reason: 'reconcile COMPLIANT', data: { Status: 'COMPLIANT' } };

let server: ResponseServer;
beforeEach(async () => {
  server = await startResponseServer();
});
afterEach(() => server.close());

describe('responseFor', () => {
  it('echoes the request ids and keeps a stable physical id', () => {
    expect(responseFor(create(server.url), ok)).toEqual({
      Status: 'SUCCESS',
      Reason: 'reconcile COMPLIANT',
      PhysicalResourceId: 'reconcile-on-deploy',
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/cis-monitoring-enforcer-prod/guid',
      RequestId: 'request-1',
      LogicalResourceId: 'ReconcileOnDeploy',
      Data: { Status: 'COMPLIANT' },
    });
  });

  it.each([
    ['ASCII', 'x'],
    ['multi-byte', 'é'],
    ['escaped', '"\n'],
  ])('cuts a long %s reason so the body fits 4096 bytes, ending with an ellipsis', (_kind, unit) => {
    const response = responseFor(create(server.url), { ...ok, reason: unit.repeat(10_000) });
    const bytes = Buffer.byteLength(JSON.stringify(response));
    expect(bytes).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(bytes).toBeGreaterThan(MAX_RESPONSE_BYTES - 16);
    expect(response.Reason).toMatch(/…$/);
  });
});

describe('sendResponse', () => {
  it('PUTs the JSON body with an empty content type, as the pre-signed URL requires', async () => {
    const response = responseFor(create(server.url), ok);
    await sendResponse(server.url, response);
    expect(server.received).toEqual([
      {
        method: 'PUT',
        path: '/cloudformation-response?X-Amz-Signature=test',
        contentType: '',
        bytes: Buffer.byteLength(JSON.stringify(response)),
        body: response,
      },
    ]);
  });

  it('retries an error answer a bounded number of times', async () => {
    server.statuses = [500, 503];
    await sendResponse(server.url, responseFor(create(server.url), ok));
    expect(server.received).toHaveLength(3);
  });

  it('gives up with a ResponseError after the last attempt', async () => {
    server.statuses = Array<number>(RESPONSE_LIMITS.attempts).fill(500);
    const failure: unknown = await sendResponse(server.url, responseFor(create(server.url), ok)).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ResponseError);
    expect((failure as Error).message).toBe(
      'could not answer CloudFormation: the response URL answered HTTP 500',
    );
    expect(server.received).toHaveLength(RESPONSE_LIMITS.attempts);
  });

  it.each([
    ['plain HTTP off loopback', 'http://example.com/response'],
    ['HTTPS outside AWS', 'https://attacker.example/response?x=amazonaws.com'],
    ['a look-alike host', 'https://s3.amazonaws.com.attacker.example/response'],
  ])('refuses %s', async (_name, url) => {
    await expect(sendResponse(url, responseFor(create(url), ok))).rejects.toThrow(ResponseError);
  });
});
