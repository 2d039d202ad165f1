import type { CloudFormationCustomResourceEvent, CloudFormationCustomResourceResponse } from 'aws-lambda';
import { describe } from '../aws/errors';
import type { Report } from '../report';
import { type Outcome, responseFor, sendResponse } from './cfn-response';
import type { Setup } from './cold-start';

/** Time kept for the answer itself (RESPONSE_LIMITS: 3 attempts of 4 s and back-off) before the Lambda timeout. */
export const ANSWER_MARGIN_MS = 20_000;

/** True for a CloudFormation custom resource request (the shape `classify` calls a deploy trigger). */
export function isCloudFormationRequest(event: unknown): event is CloudFormationCustomResourceEvent {
  if (typeof event !== 'object' || event === null) return false;
  const { RequestType, ResponseURL } = event as Record<string, unknown>;
  return typeof RequestType === 'string' && typeof ResponseURL === 'string';
}

/**
 * An update whose new DeployId (the packaging time in ms) is older than the one it replaces: CloudFormation
 * is rolling back to the previous template.
 */
export function isRollback(event: CloudFormationCustomResourceEvent): boolean {
  if (event.RequestType !== 'Update') return false;
  const next = Number(event.ResourceProperties.DeployId);
  const previous = Number(event.OldResourceProperties.DeployId);
  return Number.isFinite(next) && Number.isFinite(previous) && next < previous;
}

const success = (reason: string, data: Record<string, string> = {}): Outcome => ({
  status: 'SUCCESS',
  reason,
  data,
});

/**
 * Maps a finished run to the answer: FAILED only when no trail qualifies, so the user hears why at once;
 * NOT_APPLICABLE (the trail's log group is in another account or region) is a SUCCESS naming where the
 * enforcer belongs, so a StackSet instance in a member account or another region succeeds.
 */
export function outcomeOf(report: Report): Outcome {
  const data = { Status: report.status, Changes: String(report.changes.length) };
  const where = `${report.accountId ?? 'this account'} ${report.region}`;
  if (report.status === 'NOT_APPLICABLE') {
    return success(`not applicable in ${where}, nothing to keep here: ${report.reason ?? ''}`, data);
  }
  if (report.status === 'NON_COMPLIANT' && report.trail === undefined) {
    const hint = report.regionHint ? ` (deploy this stack in ${report.regionHint})` : '';
    const reason = `no CloudTrail trail qualifies in ${where}${hint}: ${report.findings.join('; ')}`;
    return { status: 'FAILED', reason, data };
  }
  const details = [
    ...report.findings,
    ...report.errors.map((e) => `${e.action} on ${e.resource}: ${e.code}: ${e.message}`),
  ];
  const tail = details.length ? `: ${details.join('; ')}` : '';
  const changes = report.changes.length ? ` with ${report.changes.length} change(s)` : '';
  return success(`reconcile ${report.status}${changes} in ${where}${tail}`, data);
}

/** Runs the reconcile, turning anything it throws into a SUCCESS answer that names the failure. */
async function settle(run: () => Promise<Report>): Promise<Outcome> {
  try {
    return outcomeOf(await run());
  } catch (error) {
    const { code, message } = describe(error);
    console.error(
      JSON.stringify({ level: 'ERROR', message: 'reconcile on deploy threw', code, error: message }),
    );
    return success(`reconcile failed (${code}: ${message}); the stack is deployed, the next run retries`);
  }
}

/** The run's outcome, or a SUCCESS naming the deadline if the run is still going then. */
function beforeDeadline(running: Promise<Outcome>, deadlineMs: number | undefined): Promise<Outcome> {
  if (deadlineMs === undefined) return running;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    const reason = `reconcile still running after ${Math.round(deadlineMs / 1000)} s; its report will be in the function's logs`;
    timer = setTimeout(() => resolve(success(reason, { Status: 'RUNNING' })), deadlineMs);
  });
  return Promise.race([running, late]).finally(() => clearTimeout(timer));
}

/** Options of one answer: the time left before the answer must go out. */
export interface AnswerOptions {
  readonly deadlineMs?: number;
}

/** The options for one Lambda invocation: answer ANSWER_MARGIN_MS before its timeout. */
export function answerOptionsFor(context?: { getRemainingTimeInMillis(): number }): AnswerOptions {
  if (!context) return {};
  return { deadlineMs: Math.max(0, context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS) };
}

interface Decision {
  readonly outcome: Outcome;
  /** The reconcile, when one was started; it may outlive the deadline. */
  readonly running?: Promise<Outcome>;
}

async function decide<T>(
  event: CloudFormationCustomResourceEvent,
  setup: Setup<T>,
  run: (ready: T) => Promise<Report>,
  deadlineMs: number | undefined,
): Promise<Decision> {
  if (event.RequestType === 'Delete') {
    return {
      outcome: success('stack deleted: nothing reconciled; the filter, alarm, topic and subscriptions stay'),
    };
  }
  if (isRollback(event)) return { outcome: success('stack rolling back: nothing reconciled') };
  if ('configError' in setup) {
    return {
      outcome: { status: 'FAILED', reason: setup.configError.message, data: { Status: 'CONFIG_ERROR' } },
    };
  }
  const { ready } = setup;
  const running = settle(() => run(ready));
  return { outcome: await beforeDeadline(running, deadlineMs), running };
}

/**
 * Answers a CloudFormation request, always: Delete and rollbacks at once without reconciling; create and
 * update after one reconcile. Throws only when the answer itself could not be delivered.
 */
export async function answerCloudFormation<T>(
  event: CloudFormationCustomResourceEvent,
  setup: Setup<T>,
  run: (ready: T) => Promise<Report>,
  options: AnswerOptions = {},
): Promise<CloudFormationCustomResourceResponse> {
  const { outcome, running } = await decide(event, setup, run, options.deadlineMs);
  const response = responseFor(event, outcome);
  console.log(JSON.stringify({ cloudFormation: { requestType: event.RequestType, ...response } }));
  try {
    await sendResponse(event.ResponseURL, response);
  } finally {
    // A run that outlived the deadline finishes (or meets the Lambda timeout) before the handler returns.
    await running;
  }
  return response;
}
