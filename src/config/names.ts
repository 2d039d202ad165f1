/**
 * Names that end up in the enforcer's IAM role (serverless.yml builds the alarm's and the topic's ARN
 * from them; scripts/iam-names.cjs applies the same rule at package time), and the role's own ARN.
 */

/** Characters IAM expands inside a Resource ARN: the wildcards `*` and `?`, and `${…}` policy variables. */
const IAM_EXPANDED = /[*?]|\$\{/;

/**
 * Why a configured name cannot be used, when it holds something IAM would expand: `ALARM_NAME=*` would
 * grant the role every alarm of the region. Undefined when the name is literal.
 */
export function wildcardProblem(key: string, value: string): string | undefined {
  if (!IAM_EXPANDED.test(value)) return undefined;
  return `${key}=${JSON.stringify(value)} contains an IAM wildcard or policy variable (*, ?, \${…}): the role would be granted every resource it matches`;
}

/** An IAM role, by its ARN and the parts a CloudTrail session of it names. */
export interface OwnRole {
  readonly arn: string;
  readonly partition: string;
  readonly accountId: string;
  readonly name: string;
}

/** IAM role ARNs: partition, account, optional path, name (IAM's character sets). */
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** ENFORCER_ROLE_ARN, parsed; unset means no event is treated as the enforcer's own. */
export function readOwnRole(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): OwnRole | undefined {
  const arn = (env.ENFORCER_ROLE_ARN ?? '').trim();
  if (!arn) return undefined;
  const match = ROLE_ARN.exec(arn);
  if (!match?.[1] || !match[2] || !match[3] || IAM_EXPANDED.test(arn)) {
    problems.push(
      `ENFORCER_ROLE_ARN=${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
    return undefined;
  }
  return { arn, partition: match[1], accountId: match[2], name: match[3] };
}
