import type { ActualState, AlarmView, DesiredState, FilterView, TopicView } from '../../../src/model';
import { type Plan, plan } from '../../../src/plan';
import { actualFrom, desiredFor } from '../../support/builders';

/** Turns the actual state equal to the desired one into a drifted one. */
export type Drift = (actual: ActualState, desired: DesiredState) => ActualState;

/** What a plan amounts to, for exact comparison: changes as [resource, action], every reason, findings as [code, blocking]. */
export interface Summary {
  readonly changes: readonly (readonly [string, string])[];
  readonly reasons: unknown;
  readonly findings: readonly (readonly [string, boolean])[];
}

/** Summarises a plan. */
export function summary(p: Plan): Summary {
  return {
    changes: p.changes.map((c) => [c.resource, c.action] as const),
    reasons: p.changes.flatMap((c) => c.reasons),
    findings: p.findings.map((f) => [f.code, f.blocking] as const),
  };
}

/** Plans `drift` applied to the state equal to the desired state of BASE_ENV plus `env`. */
export function planDrift(drift: Drift, env: Readonly<Record<string, string>> = {}): Plan {
  const desired = desiredFor(env);
  return plan(desired, drift(actualFrom(desired), desired));
}

function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the actual state has no ${what}`);
  return value;
}

/** The alarm with some fields changed. */
export const alarmWith =
  (patch: Partial<AlarmView>): Drift =>
  (a) => ({ ...a, alarm: { ...present(a.alarm, 'alarm'), ...patch } });

/** The filter with some fields changed. */
export const filterWith =
  (patch: Partial<FilterView>): Drift =>
  (a) => ({ ...a, filter: { ...present(a.filter, 'filter'), ...patch } });

/** The filter's only metric transformation with some fields changed. */
export const metricWith =
  (patch: Partial<FilterView['transformations'][number]>): Drift =>
  (a) => {
    const filter = present(a.filter, 'filter');
    const [first] = filter.transformations;
    return {
      ...a,
      filter: { ...filter, transformations: [{ ...present(first, 'transformation'), ...patch }] },
    };
  };

/** The topic with some fields changed. */
export const topicWith =
  (patch: Partial<TopicView>): Drift =>
  (a) => ({ ...a, topic: { ...present(a.topic, 'topic'), ...patch } });

/** The state without one resource. */
export const deleted =
  (kind: 'filter' | 'alarm' | 'topic'): Drift =>
  (a) => ({ ...a, [kind]: undefined });

/** Several drifts, applied in order. */
export const combined =
  (...drifts: Drift[]): Drift =>
  (a, d) =>
    drifts.reduce((state, drift) => drift(state, d), a);

/** The trail with its logging stopped. */
export const stopped: Drift = (a) => ({ ...a, trail: { ...a.trail, isLogging: false } });
