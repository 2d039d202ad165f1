import type { Config, ControlConfig } from '../config';
import type { DesiredState, TrailView } from '../model';

/** The ARN partition of a region: aws, or aws-cn / aws-us-gov / aws-eusc (China, GovCloud, European Sovereign Cloud). */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The ARN of the configured topic, or of the topic the enforcer owns by name in this account and region. */
export function topicArn(config: Config, accountId: string): string {
  return config.topic.kind === 'arn'
    ? config.topic.arn
    : `arn:${partitionOf(config.region)}:sns:${config.region}:${accountId}:${config.topic.name}`;
}

/** A topic may be created by name only in this account and region. */
function creatableName(config: Config, accountId: string): string | undefined {
  if (config.topic.kind === 'name') return config.topic.name;
  const parts = config.topic.arn.split(':');
  return parts[3] === config.region && parts[4] === accountId ? parts[5] : undefined;
}

/** The alarm's description: the control's ids and title, and who manages it. */
function alarmDescription(control: ControlConfig['control']): string {
  const hub = control.securityHubId ? ` (Security Hub ${control.securityHubId})` : '';
  return `${control.id}${hub}: ${control.title}. Managed by cis-monitoring-enforcer.`;
}

/**
 * Derives one control's desired state from its entry, the configuration and the discovered trail's log
 * group; `selected` is one of `config.controls` (the first by default).
 */
export function desiredState(
  config: Config,
  accountId: string,
  trail: Pick<TrailView, 'logGroupName'>,
  selected: ControlConfig = config,
): DesiredState {
  const { control } = selected;
  const createName = creatableName(config, accountId);
  return {
    region: config.region,
    accountId,
    logGroupName: trail.logGroupName,
    healTrailLogging: config.healTrailLogging,
    filter: {
      name: selected.filterName,
      profile: control.profiles[config.patternProfile],
      metricNamespace: selected.metricNamespace,
      metricName: selected.metricName,
      metricValue: control.metricValue,
    },
    alarm: {
      ...control.alarm,
      name: selected.alarmName,
      description: alarmDescription(control),
    },
    topic: {
      arn: topicArn(config, accountId),
      ...(createName ? { createName } : {}),
      subscriptions: config.subscriptions,
    },
  };
}
