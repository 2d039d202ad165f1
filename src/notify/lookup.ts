import type { Report, ReportChange } from '../report';

/** How to look further: CloudTrail CLI commands and a console link. */
export interface Lookup {
  readonly cli: readonly string[];
  readonly console: string;
}

// Only values that are safe to paste into a shell end up in a command.
const EVENT_ID = /^[A-Za-z0-9-]{1,64}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** The calls that break each resource: what to look up when only the sweep saw the drift. */
const BREAKING_CALLS: Readonly<Record<ReportChange['resource'], readonly string[]>> = {
  trail: ['StopLogging'],
  topic: ['DeleteTopic'],
  'topic-policy': ['SetTopicAttributes'],
  subscription: ['Unsubscribe'],
  'metric-filter': ['DeleteMetricFilter', 'PutMetricFilter'],
  alarm: ['DeleteAlarms', 'DisableAlarmActions', 'PutMetricAlarm'],
};

/** The CloudTrail console origin of a region's partition. */
function consoleOrigin(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

function eventHistory(region: string, eventId?: string): string {
  const fragment = eventId ? `#/events/${eventId}` : '#/events';
  return `${consoleOrigin(region)}/cloudtrailv2/home?region=${region}${fragment}`;
}

/** The `aws cloudtrail lookup-events` command for one lookup attribute. */
export function lookupCommand(region: string, key: string, value: string): string {
  return `aws cloudtrail lookup-events --region ${region} --lookup-attributes AttributeKey=${key},AttributeValue=${value}`;
}

/**
 * Where to look further: for a CloudTrail trigger, that event by id; otherwise the recent calls that
 * break each drifted resource (the sweep sees that something changed, not who changed it).
 */
export function lookupOf(report: Report): Lookup | undefined {
  const trigger = report.trigger;
  if (trigger.kind === 'cloudtrail') {
    const region = REGION.test(trigger.region) ? trigger.region : report.region;
    if (!EVENT_ID.test(trigger.eventId) || !REGION.test(region)) return undefined;
    return {
      cli: [lookupCommand(region, 'EventId', trigger.eventId)],
      console: eventHistory(region, trigger.eventId),
    };
  }
  if (!REGION.test(report.region)) return undefined;
  const calls = [...report.changes, ...(report.remaining ?? [])].flatMap((c) => BREAKING_CALLS[c.resource]);
  return {
    cli: [...new Set(calls)].map((call) => lookupCommand(report.region, 'EventName', call)),
    console: eventHistory(report.region),
  };
}
