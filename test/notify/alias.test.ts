import { IAMClient, ListAccountAliasesCommand, ServiceFailureException } from '@aws-sdk/client-iam';
import { PublishCommand, type PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createNotifier } from '../../src/notify';
import { accountName, aliasLookup } from '../../src/notify/alias';
import type { Report } from '../../src/report';
import { ACCOUNT, ALERTING, config, report } from './reports';

const iam = mockClient(IAMClient);
const sns = mockClient(SNSClient);

/** IAM's answer to a role without iam:ListAccountAliases (query protocol: code AccessDenied, 403). */
const accessDenied = () =>
  Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/x is not authorized'), {
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  });

const published = (): PublishCommandInput[] => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

const notifier = () =>
  createNotifier({
    sns: new SNSClient({ region: 'us-east-1' }),
    config: config(),
    alias: aliasLookup(new IAMClient({ region: 'us-east-1' })),
  });

/** The alert's JSON document, as machine subscribers get it. */
const documentOf = (input: PublishCommandInput | undefined) =>
  JSON.parse(JSON.parse(input?.Message ?? '{}').sqs ?? '{}') as Record<string, unknown>;

beforeEach(() => {
  iam.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('the account alias in alerts', () => {
  it('names the account by alias and id in the subject, the text and the document', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod-main'], IsTruncated: false });
    const result = await notifier().notify(ALERTING.NON_COMPLIANT as Report);

    const input = published()[0];
    expect(input?.Subject).toMatch(/^\[prod-main 123456789012\] CIS 4\.10 not compliant/);
    expect(JSON.parse(input?.Message ?? '{}').email).toContain('Account prod-main (123456789012), region');
    expect(documentOf(input)).toMatchObject({ accountId: ACCOUNT, accountAlias: 'prod-main' });
    expect(result).toMatchObject({ accountAlias: 'prod-main', notification: { sent: true } });
  });

  it('asks IAM once per cold start, however many alerts follow', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod-main'] });
    const warm = notifier();
    await warm.notify(ALERTING.NON_COMPLIANT as Report);
    await warm.notify(ALERTING.REPAIRED as Report);
    await warm.notify(ALERTING.ERROR as Report);
    expect(iam).toHaveReceivedCommandTimes(ListAccountAliasesCommand, 1);
    expect(published().map((p) => p.Subject?.startsWith('[prod-main 123456789012] '))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('a run that sends no alert never asks', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod-main'] });
    await notifier().notify(report('COMPLIANT'));
    expect(iam).not.toHaveReceivedCommand(ListAccountAliasesCommand);
  });

  it.each([
    ['access denied', accessDenied()],
    ['a service failure', new ServiceFailureException({ message: 'internal', $metadata: {} })],
  ])('%s: the alert goes out naming the id alone, and the lookup is not retried', async (_, error) => {
    iam.on(ListAccountAliasesCommand).rejects(error);
    const warm = notifier();
    const result = await warm.notify(ALERTING.NON_COMPLIANT as Report);
    await warm.notify(ALERTING.REPAIRED as Report);

    expect(result.notification).toMatchObject({ sent: true });
    expect(result).not.toHaveProperty('accountAlias');
    const input = published()[0];
    expect(input?.Subject).toMatch(/^CIS 4\.10 not compliant/);
    expect(JSON.parse(input?.Message ?? '{}').email).toContain(`Account ${ACCOUNT}, region`);
    expect(documentOf(input)).not.toHaveProperty('accountAlias');
    expect(iam).toHaveReceivedCommandTimes(ListAccountAliasesCommand, 1);
  });

  it('an account without an alias reads as before', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    await notifier().notify(ALERTING.NON_COMPLIANT as Report);
    expect(published()[0]?.Subject).toMatch(/^CIS 4\.10 not compliant/);
  });

  it('an alias IAM would not allow (a forged line of the alert) is not shown', async () => {
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['evil\nStatus: COMPLIANT\u202e'] });
    const result = await notifier().notify(ALERTING.NON_COMPLIANT as Report);
    expect(result).not.toHaveProperty('accountAlias');
    expect(published()[0]?.Subject).toMatch(/^CIS 4\.10 not compliant/);
    expect(JSON.parse(published()[0]?.Message ?? '{}').email).not.toContain('Status: COMPLIANT');
  });

  it('accountName puts the alias first and keeps the id', () => {
    expect(accountName(ACCOUNT, 'prod-main')).toBe('prod-main (123456789012)');
    expect(accountName(ACCOUNT, undefined)).toBe(ACCOUNT);
    expect(accountName(undefined, undefined)).toBe('unknown');
  });
});
