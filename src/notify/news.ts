import type { Report } from '../report';
import { actorName } from './describe';
import { type AlertMemory, newsKey, problemKey } from './memory';
import { sendsAlert } from './message';
import { touchSentence } from './touched';

/** The news sentence of the run's touch, when it has one. */
function touchOf(report: Report): string | undefined {
  const t = report.trigger;
  return report.touched && t.kind === 'cloudtrail' ? touchSentence(report.touched, t) : undefined;
}

/**
 * True when an alert caused by the same caller was delivered after this call happened: the touch is
 * part of a burst that alert already told (the caller's events arriving after the repair they caused).
 */
function coveredTouch(report: Report, memory: AlertMemory): boolean {
  const t = report.trigger;
  if (t.kind !== 'cloudtrail') return false;
  const alerted = memory.lastNamed(t.actor.arn);
  const happened = Date.parse(t.eventTime);
  return alerted !== undefined && Number.isFinite(happened) && happened <= alerted;
}

/** The run's news not yet told; a touch an alert about the same caller already covered is not news. */
export function freshNews(report: Report, memory: AlertMemory): string[] {
  const touch = touchOf(report);
  const covered = touch !== undefined && coveredTouch(report, memory);
  return (report.news ?? []).filter((s) => !memory.told(newsKey(s)) && !(covered && s === touch));
}

/** Why this run stays quiet; undefined when it alerts (something new, something written, or a new problem). */
export function quietReason(
  report: Report,
  memory: AlertMemory,
  fresh: readonly string[],
  wrote: boolean,
): string | undefined {
  if (fresh.length > 0 || wrote) return undefined;
  if (!sendsAlert(report.status)) {
    const t = report.trigger;
    return t.kind === 'cloudtrail' && coveredTouch(report, memory)
      ? `an alert caused by ${actorName(t.actor)} was delivered after this ${t.eventName}`
      : 'this news was already alerted';
  }
  const age = memory.recent(problemKey(report));
  if (age === undefined) return undefined;
  const minutes = Math.max(1, Math.round(age / 60_000));
  return `the same ${report.status} findings were alerted ${minutes} min ago`;
}

/** Why nobody who should could receive an alert published now; undefined when someone can (or unknown). */
export function undelivered(report: Report): string | undefined {
  const audience = report.audience;
  if (!audience) return undefined;
  if (audience.confirmed === 0) return 'nobody could receive it: the topic has no confirmed subscriber';
  if (audience.configuredConfirmed === 0) {
    return 'no configured subscriber could receive it: every confirmed subscriber of the topic is one SUBSCRIPTIONS does not name';
  }
  return undefined;
}
