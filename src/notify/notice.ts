import type { ActualState, DesiredState, TrailView } from '../model';
import type { Report } from '../report';
import type { Trigger } from '../triggers/events';
import type { CloudTrailRequest } from './request';
import { audienceOf, strangerNews } from './subscribers';
import { touchOf, touchSentence } from './touched';

/** What a run's last observation and its triggering call tell beyond the status. */
export interface NoticeInput {
  readonly desired: DesiredState;
  readonly trail: Pick<TrailView, 'arn' | 'name'>;
  readonly actual: Pick<ActualState, 'topic' | 'unobserved'>;
  readonly trigger: Trigger;
  readonly request?: CloudTrailRequest;
}

/**
 * The report's `news` (a touch of the enforcer's resources by someone else, subscribers nobody
 * configured), the touch itself and who can receive the alert. Own-role events never get here.
 */
export function noticeOf(input: NoticeInput): Pick<Report, 'news' | 'touched' | 'audience'> {
  const { desired, trigger, request } = input;
  const topic = input.actual.unobserved.includes('topic') ? undefined : input.actual.topic;
  const touched =
    trigger.kind === 'cloudtrail' && request ? touchOf(request, { desired, trail: input.trail }) : undefined;
  const news = [
    ...(touched && trigger.kind === 'cloudtrail' ? [touchSentence(touched, trigger)] : []),
    ...strangerNews(desired, topic, trigger, request),
  ];
  const audience = audienceOf(desired, topic);
  return {
    ...(news.length ? { news } : {}),
    ...(touched ? { touched } : {}),
    ...(audience ? { audience } : {}),
  };
}

/** Both news lists, in order; absent when both are. */
export function joinNews(...lists: (readonly string[] | undefined)[]): Pick<Report, 'news'> {
  const news = lists.flatMap((list) => list ?? []);
  return news.length ? { news } : {};
}
