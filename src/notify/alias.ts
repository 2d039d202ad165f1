import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { CLIENT_LIMITS, type ClientLimits, clientOptions } from '../aws/clients';
import { grants } from '../aws/grants';

/**
 * IAM actions the alert calls: the account's alias, so that people who route many accounts into one
 * channel read a name beside the id. ListAccountAliases only works on `*` (it takes no resource).
 */
export const ALIAS_GRANTS = grants('any', 'iam:ListAccountAliases');

/** What IAM allows as an account alias (CreateAccountAlias): anything else is not shown. */
const IAM_ALIAS = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** The account's alias, read at most once per cold start; undefined when it has none or cannot be read. */
export type AliasLookup = () => Promise<string | undefined>;

/** An IAM client with the same bounded timeouts as the run's clients (IAM answers from its global endpoint). */
export function createIamClient(region: string, limits: ClientLimits = CLIENT_LIMITS): IAMClient {
  return new IAMClient(clientOptions(region, limits));
}

/**
 * The alias lookup of one cold start: the first alert asks IAM (an account has at most one alias), every
 * later one reuses the answer. Any failure (access denied, throttling, a timeout) means no alias for this
 * cold start: an alert is never held up or failed by its name. Runs that send no alert never ask.
 */
export function aliasLookup(iam: Pick<IAMClient, 'send'>): AliasLookup {
  let pending: Promise<string | undefined> | undefined;
  const read = async (): Promise<string | undefined> => {
    try {
      const out = await iam.send(new ListAccountAliasesCommand({}));
      const [alias] = out.AccountAliases ?? [];
      return alias && IAM_ALIAS.test(alias) ? alias : undefined;
    } catch {
      return undefined;
    }
  };
  return () => {
    pending ??= read();
    return pending;
  };
}

/** `prod-main (123456789012)` with an alias, the id alone without. */
export function accountName(accountId: string | undefined, alias: string | undefined): string {
  const id = accountId ?? 'unknown';
  return alias ? `${alias} (${id})` : id;
}
