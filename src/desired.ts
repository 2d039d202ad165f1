import type { Config } from './config';
import type { DesiredState, TrailView } from './model';

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

/** Derives the desired state from the control entry, the configuration and the discovered trail's log group. */
export function desiredState(
  config: Config,
  accountId: string,
  trail: Pick<TrailView, 'logGroupName'>,
): DesiredState {
  const { control } = config;
  const createName = creatableName(config, accountId);
  return {
    region: config.region,
    accountId,
    logGroupName: trail.logGroupName,
    healTrailLogging: config.healTrailLogging,
    filter: {
      name: config.filterName,
      profile: control.profiles[config.patternProfile],
      metricNamespace: config.metricNamespace,
      metricName: config.metricName,
      metricValue: control.metricValue,
    },
    alarm: {
      ...control.alarm,
      name: config.alarmName,
      description: `${control.id} (Security Hub ${control.securityHubId}): ${control.title}. Managed by cis-monitoring-enforcer.`,
    },
    topic: {
      arn: topicArn(config, accountId),
      ...(createName ? { createName } : {}),
      subscriptions: config.subscriptions,
    },
  };
}
