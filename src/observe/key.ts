import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import type { Clients } from '../aws/clients';
import { attempt, type StepError, toStepError } from '../aws/errors';
import { grants } from '../aws/grants';
import type { KeyView, PolicyDocument } from '../model';
import { parsePolicy } from './policy-text';

/** IAM actions the topic's key is read with: keys of this account and region only (`key`). */
export const KEY_GRANTS = grants('key', 'kms:DescribeKey', 'kms:GetKeyPolicy');

const STEP = 'observe topic key';
const AWS_MANAGED = /(^|:)alias\/aws\//;
const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\//;

/** The account a key id names, when it is an ARN (alias names and bare key ids are in the caller's). */
export function keyAccount(id: string): string | undefined {
  return ARN.exec(id)?.[2];
}

/** True for an AWS managed key (`alias/aws/…`): the enforcer cannot change what it allows. */
export const isAwsManagedAlias = (id: string): boolean => AWS_MANAGED.test(id);

/**
 * Reads the topic's customer managed key: DescribeKey (resolves alias names and ARNs) then its default
 * policy. A key in another account is not read. Never throws: a failed read is kept in `error` and `failures`.
 */
export async function readKey(
  clients: Clients,
  id: string,
  accountId: string,
  failures: StepError[],
): Promise<KeyView> {
  const owner = keyAccount(id);
  if (owner && owner !== accountId) return { id, foreignAccount: owner };
  try {
    const described = await attempt(STEP, 'kms:DescribeKey', id, () =>
      clients.kms.send(new DescribeKeyCommand({ KeyId: id })),
    );
    const meta = described?.KeyMetadata;
    const arn = meta?.Arn ?? id;
    const base = { id, arn, state: meta?.KeyState, manager: meta?.KeyManager };
    const owned = keyAccount(arn);
    if (owned && owned !== accountId) return { ...base, foreignAccount: owned };
    const text = await attempt(STEP, 'kms:GetKeyPolicy', arn, () =>
      clients.kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' })),
    );
    const policy: PolicyDocument | undefined = parsePolicy(text?.Policy);
    return policy ? { ...base, policy } : { ...base, error: 'key policy could not be parsed' };
  } catch (error) {
    const e = toStepError(STEP, error);
    failures.push(e);
    return { id, error: `${e.action} on ${e.resource}: ${e.code}` };
  }
}
