import type { Report } from '../report';

/** How long an identical unrepaired finding set stays quiet after it was alerted. */
export const QUIET_PERIOD_MS = 6 * 60 * 60 * 1000;

/**
 * Remembers which finding sets were alerted and when. In memory, per warm container: reserved
 * concurrency 1 keeps one container busy through a burst, but a cold start forgets, so the first
 * run after one may repeat the last alert.
 */
export interface AlertMemory {
  /** Milliseconds since this key was alerted, when that was within the quiet period. */
  recent(key: string): number | undefined;
  remember(key: string): void;
}

/** A fresh in-memory alert history. */
export function createAlertMemory(quietMs = QUIET_PERIOD_MS, now: () => number = Date.now): AlertMemory {
  const sent = new Map<string, number>();
  return {
    recent(key) {
      const at = sent.get(key);
      if (at === undefined) return undefined;
      const age = now() - at;
      return age < quietMs ? age : undefined;
    },
    remember(key) {
      const t = now();
      for (const [k, at] of sent) if (t - at >= quietMs) sent.delete(k);
      sent.set(key, t);
    },
  };
}

const sorted = (items: readonly string[]): string[] => [...items].sort();

/**
 * What a run left wrong, independent of what triggered it: status, findings, error codes, drift still
 * present, and in detect mode the unapplied changes. Writes a run made are not part of it.
 */
export function problemKey(report: Report): string {
  const drift = (c: { resource: string; action: string; reasons: readonly string[] }) =>
    `${c.resource}/${c.action}: ${sorted(c.reasons).join('; ')}`;
  return JSON.stringify({
    status: report.status,
    findings: sorted(report.findings),
    errors: sorted(report.errors.map((e) => `${e.step} ${e.action} ${e.resource} ${e.code}`)),
    remaining: sorted((report.remaining ?? []).map(drift)),
    unapplied: report.mode === 'detect' ? sorted(report.changes.map(drift)) : [],
  });
}

/** True when the run wrote something: such a run always alerts, however recent a similar alert was. */
export function wroteSomething(report: Report): boolean {
  return report.mode === 'enforce' && report.changes.length > 0;
}
