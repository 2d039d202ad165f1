import { maskUrls } from '../telemetry/redact';

/** SNS endpoints the enforcer keeps subscribed, as configured in SUBSCRIPTIONS. */
export const SUBSCRIPTION_PROTOCOLS = [
  'email',
  'email-json',
  'https',
  'http',
  'sqs',
  'lambda',
  'sms',
] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface Subscription {
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
}

/** Parses `protocol:endpoint,protocol:endpoint`; endpoints may contain colons (https:https://…). */
export function readSubscriptions(raw: string, problems: string[]): Subscription[] {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const result: Subscription[] = [];
  for (const item of items) {
    const colon = item.indexOf(':');
    const protocol = item.slice(0, colon);
    const endpoint = item.slice(colon + 1).trim();
    const problem = colon < 0 ? 'must be protocol:endpoint' : subscriptionProblem(protocol, endpoint);
    if (problem) {
      // The entry is shown with any URL masked: a webhook's password must not reach the cold-start log.
      problems.push(`SUBSCRIPTIONS entry ${JSON.stringify(maskUrls(item))} ${problem}`);
    } else if (!result.some((s) => s.protocol === protocol && s.endpoint === endpoint)) {
      result.push({ protocol: protocol as SubscriptionProtocol, endpoint });
    }
  }
  return result;
}

function subscriptionProblem(protocol: string, endpoint: string): string | undefined {
  if (!(SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(protocol)) {
    return `has unknown protocol ${JSON.stringify(protocol)} (one of ${SUBSCRIPTION_PROTOCOLS.join(', ')})`;
  }
  const checks: Partial<Record<SubscriptionProtocol, RegExp>> = {
    email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    'email-json': /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    https: /^https:\/\/\S+$/,
    http: /^http:\/\/\S+$/,
    sqs: /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:\S+$/,
    lambda: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:\S+$/,
    sms: /^\+\d{6,15}$/,
  };
  const re = checks[protocol as SubscriptionProtocol];
  return re && !re.test(endpoint) ? `has an invalid ${protocol} endpoint` : undefined;
}
