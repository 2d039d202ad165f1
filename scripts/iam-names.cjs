/**
 * Resolvers for serverless.yml (`${file(./scripts/iam-names.cjs):alarmName}`): the names the role's
 * Resource ARNs are built from, refused at package time when IAM would expand them. The same rule as
 * `wildcardProblem` in src/config-names.ts, which refuses them again at cold start.
 */
const IAM_EXPANDED = /[*?]|\$\{/;

/** The value when it is literal text; throws naming the parameter otherwise. */
function literal(param, value) {
  if (typeof value === 'string' && !IAM_EXPANDED.test(value)) return value;
  throw new Error(
    `--param="${param}=${value}" contains an IAM wildcard or policy variable (*, ?, \${…}): the role would be granted every resource it matches`,
  );
}

const custom = (resolve, key) => resolve(['custom', key]);

module.exports = {
  /** The alarm name (ALARM_NAME and the alarm's ARN in the role). */
  alarmName: async ({ resolveConfigurationProperty }) =>
    literal('alarmName', await custom(resolveConfigurationProperty, 'alarmNameParam')),
  /** The topic name the enforcer creates (its ARN in the role). */
  topicName: async ({ resolveConfigurationProperty }) =>
    literal('topicName', await custom(resolveConfigurationProperty, 'topicNameParam')),
  /** The topic's ARN in the role: the configured topicArn, or the topic of that name here. */
  topicResource: async ({ resolveConfigurationProperty }) => {
    const arn = await custom(resolveConfigurationProperty, 'topicArnParam');
    if (arn) return literal('topicArn', arn);
    return custom(resolveConfigurationProperty, 'topicByName');
  },
};
