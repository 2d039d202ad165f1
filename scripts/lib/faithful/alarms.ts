/**
 * CloudWatch `PutMetricAlarm`: AWS accepts at most 5 ARNs in each of AlarmActions, OKActions and
 * InsufficientDataActions and rejects the call with a ValidationError (query code; the SDK's modeled
 * ValidationException, whose awsQueryError is ValidationError); moto 5.2.5 stores any number.
 */
import type { Correction } from './correction';
import { jsonError, readJson, type WireRequest } from './wire';

/** The most actions AWS accepts in each action list of an alarm. */
export const MAX_ALARM_ACTIONS = 5;

const LISTS = [
  ['AlarmActions', 'alarmActions'],
  ['OKActions', 'oKActions'],
  ['InsufficientDataActions', 'insufficientDataActions'],
] as const;

/** AWS's validation message for each action list that is too long (empty when none is). */
export function actionLimitViolations(input: Record<string, unknown>): string[] {
  return LISTS.flatMap(([field, member]) => {
    const list = input[field];
    if (!Array.isArray(list) || list.length <= MAX_ALARM_ACTIONS) return [];
    return [
      `Value '[${list.join(', ')}]' at '${member}' failed to satisfy constraint: ` +
        `Member must have length less than or equal to ${MAX_ALARM_ACTIONS}`,
    ];
  });
}

/** Rejects PutMetricAlarm with more than five actions in a list, as AWS does. */
export function alarmActionLimit(): Correction {
  return {
    operations: ['monitoring:PutMetricAlarm'],
    handle: async (request: WireRequest, next) => {
      const violations = actionLimitViolations(readJson(request.body));
      if (violations.length === 0) return next(request);
      const count = `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected`;
      const message = `${count}: ${violations.join('; ')}`;
      return jsonError(400, 'com.amazonaws.cloudwatch#ValidationException', message, {
        queryCode: 'ValidationError',
        contentType: 'application/x-amz-json-1.0',
      });
    },
    reset: () => undefined,
  };
}
