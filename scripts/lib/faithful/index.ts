/**
 * The AWS-faithful layer: in front of the emulator (moto 5.2.5), it answers the cases where moto is
 * laxer than AWS the way AWS documents them, keeping the little state that needs (which email
 * subscriptions a person confirmed, which filters were put with which settings moto drops, which
 * trails have custom event selectors). Every correction, with what moto does, what AWS does and the
 * AWS documentation, is listed in docs/aws-differences.md.
 */
import { type AlarmHistoryControl, alarmHistory } from './alarm-history';
import { alarmActionLimit } from './alarms';
import type { Correction } from './correction';
import { filterReads } from './filter-reads';
import { FilterSettings } from './filter-store';
import { filterWrites } from './filter-writes';
import { type Inbox, subscriptionConfirmation } from './subscriptions';
import { eventSelectors } from './trails';
import type { Send, WireAnswer, WireRequest } from './wire';

export type { Inbox, PendingSubscription } from './subscriptions';
export type { Send, WireAnswer, WireRequest } from './wire';

/** The layer a proxy passes every request through. */
export interface FaithfulLayer {
  /** Answers `request` as AWS would, asking `emulator` for everything it does not correct. */
  handle(request: WireRequest, emulator: Send): Promise<WireAnswer>;
  /** Forgets every learnt state (call it whenever the emulator is reset). */
  reset(): void;
  /** The confirmation messages AWS would have sent to new subscribers: the humans' side. */
  readonly inbox: Inbox;
  /** What the alarms' actions do when SetAlarmState changes a state (they succeed unless told). */
  readonly alarmActions: AlarmHistoryControl;
}

/** A fresh layer with every correction (state is per layer: share one between proxies of one emulator). */
export function createFaithfulLayer(): FaithfulLayer {
  const confirmation = subscriptionConfirmation();
  const settings = new FilterSettings();
  const history = alarmHistory();
  const corrections: readonly Correction[] = [
    alarmActionLimit(),
    history,
    confirmation.correction,
    eventSelectors(),
    { ...filterWrites(settings), reset: () => settings.clear() },
    { ...filterReads(settings), reset: () => undefined },
  ];
  return {
    handle: (request, emulator) => {
      const key = `${request.service}:${request.operation}`;
      const chain = corrections.filter((c) => c.operations.includes(key));
      const step =
        (i: number): Send =>
        (r) => {
          const correction = chain[i];
          return correction ? correction.handle(r, step(i + 1), emulator) : emulator(r);
        };
      return step(0)(request);
    },
    reset: () => {
      for (const c of corrections) c.reset();
    },
    inbox: confirmation.inbox,
    alarmActions: history.control,
  };
}
