/**
 * The settings the function reads, as template parameters: every literal environment variable of every
 * function becomes a parameter of the same default (`LOG_GROUP_NAME` → `LogGroupName`), except those the
 * role's policy or the control selection fixes at packaging time. The topic is a parameter whose value
 * the role's topic statements follow, so the role still names exactly one topic.
 */
import { ofType, replaceValue, type Template } from './template';

/** Variables fixed when packaging (`--param`), with the reason; printed with the commands. */
export const PACKAGING_TIME: Readonly<Record<string, string>> = {
  CONTROLS: "the role names exactly the selected controls' alarms",
  ALARM_NAME: 'the role names the alarm',
  FILTER_NAME: 'a name for one control, checked against the controls when packaging',
  METRIC_NAME: 'a name for one control, checked against the controls when packaging',
};

/** The parameter of an environment variable: `LOG_GROUP_NAME` → `LogGroupName`. */
export const parameterName = (variable: string): string =>
  variable
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * What the role may be told to name: the enforcer's own checks (src/config/index.ts TOPIC_NAME, TOPIC_ARN),
 * empty allowed. No `*`, `?` or `${…}` can pass, so the role's topic grants stay one topic.
 */
const TOPIC_PATTERNS: Readonly<Record<string, [string, string]>> = {
  TopicName: ['^[A-Za-z0-9_-]{0,256}$', 'empty or a topic name: letters, digits, - and _'],
  TopicArn: [
    '^(arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256})?$',
    'empty or an SNS topic ARN',
  ],
};

const describe = (variable: string) =>
  `The function's ${variable}; empty: the enforcer's default (README, Configuration).`;

type Variables = Record<string, unknown>;

/** Replaces each literal variable but PACKAGING_TIME's with a Ref to its parameter. Mutates `template`. */
function variablesToParameters(template: Template): string[] {
  template.Parameters ??= {};
  const parameters = template.Parameters;
  for (const [id, fn] of ofType(template, 'AWS::Lambda::Function')) {
    const variables = (fn.Properties?.Environment as { Variables?: Variables } | undefined)?.Variables ?? {};
    for (const [variable, value] of Object.entries(variables)) {
      if (typeof value !== 'string' || variable in PACKAGING_TIME) continue;
      const name = parameterName(variable);
      if (name in template.Resources)
        throw new Error(`parameter ${name} would share a resource's logical id`);
      const known = parameters[name];
      if (known && known.Default !== value)
        throw new Error(`${id} sets ${variable}=${value}, another function ${known.Default}: one parameter`);
      parameters[name] = { Type: 'String', Default: value, Description: describe(variable) };
      variables[variable] = { Ref: name };
    }
  }
  return Object.keys(parameters);
}

type Statement = { Action?: unknown; Resource?: unknown };
const OWN_TOPIC = /^arn:\$\{AWS::Partition\}:sns:\$\{AWS::Region\}:\$\{AWS::AccountId\}:([A-Za-z0-9_-]+)$/;

/** The topic the role may create (the resource of its sns:CreateTopic statement) and its default name. */
function ownTopic(template: Template): { value: unknown; name: string } {
  const statements = ofType(template, 'AWS::IAM::Role').flatMap(([, role]) =>
    ((role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );
  const creating = statements.filter((s) => [s.Action].flat().includes('sns:CreateTopic'));
  const resource = creating[0]?.Resource;
  const value = Array.isArray(resource) && resource.length === 1 ? resource[0] : resource;
  const name = OWN_TOPIC.exec(String((value as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub']))?.[1];
  if (creating.length !== 1 || name === undefined)
    throw new Error(
      `expected one sns:CreateTopic statement on the enforcer's own topic, found ${creating.length}`,
    );
  return { value, name };
}

/** The topic's ARN as the parameters choose it: TopicArn, else TopicName, else the packaged name. */
const topicArnOf = (fallbackName: string) => ({
  'Fn::If': [
    'TopicArnGiven',
    { Ref: 'TopicArn' },
    {
      'Fn::Sub': [
        `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:\${Name}`,
        { Name: { 'Fn::If': ['TopicNameGiven', { Ref: 'TopicName' }, fallbackName] } },
      ],
    },
  ],
});

/** Makes every use of the packaged topic ARN (role, alarm actions) follow TopicArn/TopicName. Mutates. */
function wireTopic(template: Template): void {
  const { value, name } = ownTopic(template);
  const replaced = replaceValue(template.Resources, value, topicArnOf(name));
  template.Resources = replaced.value as Template['Resources'];
  template.Conditions = {
    ...template.Conditions,
    TopicArnGiven: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'TopicArn' }, ''] }] },
    TopicNameGiven: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'TopicName' }, ''] }] },
  };
  for (const [parameter, [pattern, constraint]] of Object.entries(TOPIC_PATTERNS)) {
    const declared = template.Parameters?.[parameter];
    if (!declared) throw new Error(`the function reads no ${parameter} variable`);
    Object.assign(declared, { AllowedPattern: pattern, ConstraintDescription: constraint });
  }
}

/**
 * Turns the function settings into template parameters (same defaults) and wires the topic parameters
 * into the role and the alarms. Mutates `template`; returns the parameter names.
 */
export function parameterize(template: Template): string[] {
  const names = variablesToParameters(template);
  wireTopic(template);
  return names;
}
