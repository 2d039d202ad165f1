/** Error codes that mean the caller lacks a permission. */
export const ACCESS_DENIED_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  // What the SDK names SNS's AuthorizationError (the wire code stays in the error's `Code`).
  'AuthorizationErrorException',
  'UnauthorizedOperation',
];
const THROTTLED = ['Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException'];
const NOT_FOUND = [
  'ResourceNotFoundException',
  'ResourceNotFound',
  'NotFoundException',
  'TrailNotFoundException',
];
const INVALID = [
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidParameterCombinationException',
  'InvalidTrailNameException',
  'ValidationException',
];
const NETWORK = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'TimeoutError',
  'RequestTimeout',
];

/** PutMetricAlarm's answer to an action list longer than AWS's 5 (query code ValidationError). */
const ACTION_LIMIT =
  /at '(alarmActions|oKActions|insufficientDataActions)' failed to satisfy constraint: Member must have length less than or equal to 5/i;

type Rule = (action: string, resource: string, code: string, message: string) => string | undefined;

/** The one sentence per failure the operator needs: what it means and what to do next. */
const RULES: readonly Rule[] = [
  (action, resource, code, message) =>
    action === 'cloudwatch:PutMetricAlarm' &&
    ['ValidationError', 'ValidationException'].includes(code) &&
    ACTION_LIMIT.test(message)
      ? `alarm ${resource} would have more than AWS's maximum of 5 actions for one state (AlarmActions, OKActions and InsufficientDataActions hold 5 each): someone added one while the enforcer wrote it; the next run drops the last listed foreign action to restore the topic`
      : undefined,
  (action, resource, code) =>
    ACCESS_DENIED_CODES.includes(code)
      ? `the enforcer's role may not call ${action} on ${resource}: grant it in the role's policy and check SCPs and permission boundaries`
      : undefined,
  (action, _, code) =>
    THROTTLED.includes(code)
      ? `AWS throttled ${action} on every attempt the SDK made; the next run tries again`
      : undefined,
  (action, resource, code) =>
    action === 'logs:PutMetricFilter' && code === 'LimitExceededException'
      ? `log group ${resource} already has the CloudWatch Logs maximum of 100 metric filters: delete one nobody uses, then the next run creates this one`
      : undefined,
  (action, resource, code) =>
    action === 'logs:PutMetricFilter' && NOT_FOUND.includes(code)
      ? `log group ${resource} was deleted during the run; the enforcer does not recreate it: restore the trail's CloudWatch Logs delivery`
      : undefined,
  (_, resource, code) =>
    NOT_FOUND.includes(code)
      ? `${resource} disappeared during the run; the next run sees what is left`
      : undefined,
  (action, _, code) =>
    INVALID.includes(code)
      ? `AWS rejected the ${action} request as invalid: check the configured names and endpoints that went into it`
      : undefined,
  (action, _, code) =>
    NETWORK.includes(code)
      ? `no answer from the AWS endpoint for ${action} (${code}) on any attempt: check network access to AWS (VPC endpoints, NAT) or AWS_ENDPOINT_URL`
      : undefined,
];

/** What a failed call means for the operator, when the error code (and message) alone does not say it. */
export function hintFor(action: string, resource: string, code: string, message = ''): string | undefined {
  for (const rule of RULES) {
    const hint = rule(action, resource, code, message);
    if (hint) return hint;
  }
  return undefined;
}
