/** The account-wide verdict: which filter → alarm → topic chains on the trail's log group satisfy the control. */
export { type Assessment, assessControl, type Seen } from './assess';
export { evaluateChains, satisfiedBy } from './chains';
export type { AlarmsRead } from './links';
export type { Chain, ChainState, CrossCheck, MetricRef, SatisfiedBy, Verdict } from './types';
