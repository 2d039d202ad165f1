import type { StepError } from '../aws/errors';
import { type ControlPart, type Report, type Status, worstStatus } from '../report';
import type { DrillAlarm, DrillReport } from './types';

/** The finding a drilled alarm adds, and whether it keeps the control from holding. */
function findingOf(a: DrillAlarm, drill: DrillReport): { text: string; blocking: boolean } | undefined {
  const seconds = Math.round(drill.waitedMs / 1000);
  switch (a.outcome) {
    case 'failed':
      return {
        blocking: true,
        text: `drill: alarm ${a.alarm} went to ALARM but CloudWatch failed to notify ${drill.topicArn}: AWS said "${a.reason}"; nobody would hear a real alarm`,
      };
    case 'not-seen':
      return {
        blocking: true,
        text: `drill: alarm ${a.alarm} went to ALARM but CloudWatch recorded no notification of ${drill.topicArn} within ${seconds} s: whether anyone would hear it cannot be told; look at the alarm's history`,
      };
    case 'not-drilled':
      return { blocking: false, text: `drill: alarm ${a.alarm} was not drilled: ${a.reason}` };
    default:
      return drill.confirmedSubscribers === 0
        ? {
            blocking: true,
            text: `drill: alarm ${a.alarm} handed its notification to SNS, but ${drill.topicArn} has no confirmed subscriber: nobody received it`,
          }
        : undefined;
  }
}

/** A part (or the run) with the drill's findings about its alarms; NON_COMPLIANT when one blocks. */
function judged<T extends { status: Status; findings: readonly string[] }>(
  fields: T,
  alarms: readonly DrillAlarm[],
  drill: DrillReport,
): T {
  const found = alarms.flatMap((a) => findingOf(a, drill) ?? []);
  if (found.length === 0) return fields;
  const blocking = found.some((f) => f.blocking);
  const status = blocking ? worstStatus([fields.status, 'NON_COMPLIANT']) : fields.status;
  return { ...fields, status, findings: [...fields.findings, ...found.map((f) => f.text)] };
}

/**
 * The run's report with the drill: `drill` per alarm, its findings (a failed or unseen notification, or
 * one nobody is subscribed to receive, is blocking: NON_COMPLIANT), the drill's failed calls as errors
 * (ERROR), and each control's part judged on its own alarm.
 */
export function withDrill(report: Report, drill: DrillReport, errors: readonly StepError[]): Report {
  const parts = report.controls?.map(
    (p): ControlPart =>
      judged(
        p,
        drill.alarms.filter((a) => a.control === p.control),
        drill,
      ),
  );
  const run = judged({ ...report, drill, ...(parts ? { controls: parts } : {}) }, drill.alarms, drill);
  if (errors.length === 0) return run;
  return { ...run, status: 'ERROR', errors: [...run.errors, ...errors] };
}
