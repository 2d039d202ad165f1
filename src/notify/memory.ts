import type { Report } from '../report';

/** How long an identical unrepaired finding set stays quiet after it was alerted. */
export const QUIET_PERIOD_MS = 6 * 60 * 60 * 1000;
/** Separates a news sentence's stable head (what the memory keys on) from a detail that may vary. */
export const NEWS_DETAIL = ' — ';
/** At most this many news items and callers are remembered (the oldest are forgotten first). */
const REMEMBERED = 1000;

/**
 * Remembers what was alerted and when. In memory, per warm container: reserved concurrency 1 keeps
 * one container busy through a burst, but a cold start forgets, so the first run after one may repeat
 * the last alert (an unresolved problem or a subscriber nobody configured is told about daily).
 */
export interface AlertMemory {
  /** Milliseconds since this problem key was alerted, when that was within the quiet period. */
  recent(key: string): number | undefined;
  remember(key: string): void;
  /** The control holds again: every remembered problem is forgotten, so a new one alerts at once. */
  forgetProblems(): void;
  /** True when this news key was already delivered. */
  told(newsKey: string): boolean;
  tell(newsKeys: readonly string[]): void;
  /** When an alert caused by this caller was last delivered (the memory's clock, ms). */
  lastNamed(actorArn: string): number | undefined;
  named(actorArn: string): void;
}

/** Keeps a map to its newest `REMEMBERED` entries. */
function bounded(map: Map<string, number>, key: string, at: number): void {
  map.delete(key);
  map.set(key, at);
  for (const oldest of map.keys()) {
    if (map.size <= REMEMBERED) break;
    map.delete(oldest);
  }
}

/** A fresh in-memory alert history. */
export function createAlertMemory(quietMs = QUIET_PERIOD_MS, now: () => number = Date.now): AlertMemory {
  const problems = new Map<string, number>();
  const news = new Map<string, number>();
  const callers = new Map<string, number>();
  return {
    recent(key) {
      const at = problems.get(key);
      if (at === undefined) return undefined;
      const age = now() - at;
      return age < quietMs ? age : undefined;
    },
    remember(key) {
      const t = now();
      for (const [k, at] of problems) if (t - at >= quietMs) problems.delete(k);
      problems.set(key, t);
    },
    forgetProblems: () => problems.clear(),
    told: (key) => news.has(key),
    tell: (keys) => {
      for (const key of keys) bounded(news, key, now());
    },
    lastNamed: (arn) => callers.get(arn),
    named: (arn) => bounded(callers, arn, now()),
  };
}

const sorted = (items: readonly string[]): string[] => [...items].sort();

/** What caused the run: the caller and the call for a CloudTrail event, else the trigger kind. */
function causeKey(trigger: Report['trigger']): string {
  if (trigger.kind !== 'cloudtrail') return trigger.kind;
  return `${trigger.actor.arn} ${trigger.eventSource} ${trigger.eventName}`;
}

/**
 * What a run left wrong and who caused it: status, findings, error codes, drift still present, in
 * detect mode the unapplied changes, and the trigger's caller and call (someone else's tampering with
 * the same result is news). Writes a run made are not part of it.
 */
export function problemKey(report: Report): string {
  const drift = (c: { resource: string; action: string; reasons: readonly string[] }) =>
    `${c.resource}/${c.action}: ${sorted(c.reasons).join('; ')}`;
  return JSON.stringify({
    status: report.status,
    cause: causeKey(report.trigger),
    findings: sorted(report.findings),
    errors: sorted(report.errors.map((e) => `${e.step} ${e.action} ${e.resource} ${e.code}`)),
    remaining: sorted((report.remaining ?? []).map(drift)),
    unapplied: report.mode === 'detect' ? sorted(report.changes.map(drift)) : [],
  });
}

/** The part of a news sentence its memory keys on: the head before any varying detail. */
export function newsKey(sentence: string): string {
  const at = sentence.indexOf(NEWS_DETAIL);
  return at < 0 ? sentence : sentence.slice(0, at);
}

/** True when the run wrote something: such a run always alerts, however recent a similar alert was. */
export function wroteSomething(report: Report): boolean {
  return report.mode === 'enforce' && report.changes.length > 0;
}
