import type { CloudFormationCustomResourceResponse, Context } from 'aws-lambda';
import { buildEnforcer, type Enforcer, invoke } from '../src/entry';
import { type Report, runFailed } from '../src/report';
import { readyOf, setUp } from '../src/triggers/cold-start';
import { answerCloudFormation, answerOptionsFor, isCloudFormationRequest } from '../src/triggers/deploy';
import { isAsyncTrigger } from '../src/triggers/run';

// Built once per cold start. A bad configuration is logged here naming every bad variable; a
// CloudFormation request is answered FAILED with it, and every other invocation throws it.
const setup = setUp(() => buildEnforcer(process.env));

/** Lambda entry point for every trigger: the event queue's batches, schedule, deploy (CloudFormation) and manual invokes. */
export async function handler(
  event: unknown,
  context?: Context,
): Promise<Report | CloudFormationCustomResourceResponse> {
  const run = (enforcer: Enforcer) => invoke(enforcer, event, context);
  // A deploy is always answered, before the Lambda timeout, whatever the run does.
  if (isCloudFormationRequest(event))
    return answerCloudFormation(event, setup, run, answerOptionsFor(context));
  const report = await run(readyOf(setup));
  // A failed asynchronous run is retried by Lambda, then kept in the on-failure queue; a failed batch
  // returns whole to the event queue, is retried, then kept in its dead-letter queue.
  if (report.status === 'ERROR' && isAsyncTrigger(report)) throw runFailed(report);
  return report;
}
