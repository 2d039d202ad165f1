/** Building blocks for realistic CloudTrail records: who called, from where, and how it ended. */

const ACCOUNT = '123456789012';
const CONSOLE = 'AWS Internal';
const CLI = 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.5 md/arch#x86_64 lang/python#3.11.8';
const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.70.0';
const SDK = 'aws-sdk-js/3.600.0 ua/2.0 os/linux#5.10 lang/js md/nodejs#20.15.0';

function roleIdentity(role: string, session: string, invokedBy?: string): Record<string, unknown> {
  const identity: Record<string, unknown> = {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLESESSION1',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLEID',
        arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: '2025-03-01T09:00:00Z', mfaAuthenticated: 'false' },
    },
  };
  return invokedBy === undefined ? identity : { ...identity, invokedBy };
}

const IAM_USER = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEUSERID1',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAEXAMPLEKEY0001',
  userName: 'alice',
};
const ROOT = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
const FEDERATED = {
  type: 'FederatedUser',
  principalId: `${ACCOUNT}:bob`,
  arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
  accountId: ACCOUNT,
};

/** One way a call can happen: caller, region, client and outcome; `note` names it in reports. */
export interface CallContext {
  readonly note: string;
  readonly identity: Record<string, unknown>;
  readonly region: string;
  readonly userAgent: string;
  readonly sourceIPAddress: string;
  readonly error?: readonly [code: string, message: string];
}

/** The ways each profile event is called in the corpus; every one must be matched. */
export const CALL_CONTEXTS: readonly CallContext[] = [
  {
    note: 'by an IAM user',
    identity: IAM_USER,
    region: 'us-east-1',
    userAgent: CONSOLE,
    sourceIPAddress: '198.51.100.7',
  },
  {
    note: 'by Terraform',
    identity: roleIdentity('Terraform', 'ci-run-4711'),
    region: 'eu-west-1',
    userAgent: TERRAFORM,
    sourceIPAddress: '203.0.113.20',
  },
  { note: 'by root', identity: ROOT, region: 'us-west-2', userAgent: CONSOLE, sourceIPAddress: '192.0.2.44' },
  {
    note: 'with errorCode',
    identity: IAM_USER,
    region: 'ap-southeast-2',
    userAgent: CLI,
    sourceIPAddress: '198.51.100.7',
    error: ['Client.UnauthorizedOperation', 'You are not authorized to perform this operation.'],
  },
  {
    note: 'via CloudFormation',
    identity: roleIdentity('cfn-exec', 'AWSCloudFormation', 'cloudformation.amazonaws.com'),
    region: 'eu-central-1',
    userAgent: 'cloudformation.amazonaws.com',
    sourceIPAddress: 'cloudformation.amazonaws.com',
  },
  {
    note: 'by a federated user',
    identity: FEDERATED,
    region: 'sa-east-1',
    userAgent: SDK,
    sourceIPAddress: '2001:db8::5',
  },
  {
    note: 'through Identity Center',
    identity: roleIdentity('AWSReservedSSO_AdministratorAccess_0123abcd', 'carol@example.com'),
    region: 'ca-central-1',
    userAgent: CONSOLE,
    sourceIPAddress: '192.0.2.99',
  },
  {
    note: 'as a dry run',
    identity: roleIdentity('Deployer', 'deploy-88'),
    region: 'us-gov-west-1',
    userAgent: SDK,
    sourceIPAddress: '203.0.113.5',
    error: ['Client.DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'],
  },
];

/** The plain IAM-user call used for events outside the profile. */
export const PLAIN_CALL = CALL_CONTEXTS[0] as CallContext;

/** A full CloudTrail management-event record; `eventName` undefined leaves the field out. */
export function cloudTrailRecord(
  eventSource: string,
  eventName: string | undefined,
  call: CallContext,
  requestParameters: Record<string, unknown> | null,
  serial: number,
): Record<string, unknown> {
  const minute = String(serial % 60).padStart(2, '0');
  return {
    eventVersion: '1.09',
    userIdentity: call.identity,
    eventTime: `2025-03-0${1 + (serial % 9)}T10:${minute}:00Z`,
    eventSource,
    ...(eventName === undefined ? {} : { eventName }),
    awsRegion: call.region,
    sourceIPAddress: call.sourceIPAddress,
    userAgent: call.userAgent,
    ...(call.error === undefined ? {} : { errorCode: call.error[0], errorMessage: call.error[1] }),
    requestParameters,
    responseElements: call.error === undefined ? { requestId: requestId(serial), _return: true } : null,
    requestID: requestId(serial),
    eventID: `e0c4a1f2-${String(serial).padStart(4, '0')}-4b5e-9a1d-5f6e7d8c9b0a`,
    readOnly: eventName?.startsWith('Describe') === true || eventName?.startsWith('Get') === true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

function requestId(serial: number): string {
  return `7f3b2c1d-${String(serial).padStart(4, '0')}-4e5f-8a9b-0c1d2e3f4a5b`;
}
