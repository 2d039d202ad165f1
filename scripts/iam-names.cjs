/**
 * Resolvers for serverless.yml (`${file(./scripts/iam-names.cjs):alarmResources}`): the selected controls
 * and the names the role's Resource ARNs are built from, checked at package time.
 * - A name IAM would expand is refused: the same rule as `wildcardProblem` in src/config/names.ts, which
 *   refuses it again at cold start.
 * - The controls are read with the catalog's own `selectControls` (src/catalog, bundled in memory), so
 *   the role names exactly the alarms the function keeps: one source of truth, no copied list.
 * - A filter, alarm or metric name given for several controls is refused, as loadConfig does.
 */
const { buildSync } = require('esbuild');
const { join } = require('node:path');
const { runInThisContext } = require('node:vm');

const IAM_EXPANDED = /[*?]|\$\{/;
const CATALOG_ENTRY = join(__dirname, '..', 'src', 'catalog', 'index.ts');

/** The value when it is literal text; throws naming the parameter otherwise. */
function literal(param, value) {
  if (typeof value === 'string' && !IAM_EXPANDED.test(value)) return value;
  throw new Error(
    `--param="${param}=${value}" contains an IAM wildcard or policy variable (*, ?, \${…}): the role would be granted every resource it matches`,
  );
}

let catalog;
/** src/catalog as a module: bundled with esbuild in memory and evaluated once per process. */
function loadCatalog() {
  if (catalog) return catalog;
  const built = buildSync({
    entryPoints: [CATALOG_ENTRY],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  const wrapped = `(function (module, exports, require) {${built.outputFiles[0].text}\n})`;
  runInThisContext(wrapped, { filename: CATALOG_ENTRY })(module, module.exports, require);
  catalog = module.exports;
  return catalog;
}

const custom = (resolve, key) => resolve(['custom', key]);
const param = async (resolve, key) => (await custom(resolve, `${key}Param`)) ?? '';

/** The catalog controls `--param controls` selects; throws with the catalog's error naming the valid ones. */
async function selected(resolve) {
  const spec = await param(resolve, 'controls');
  const { controlByKey, selectControls } = loadCatalog();
  const selection = selectControls(String(spec));
  if ('error' in selection) throw new Error(`--param="controls=${spec}": ${selection.error}`);
  return selection.keys.map(controlByKey);
}

/** A name parameter as given (empty when unset); refused when several controls are selected. */
async function oneControlName(resolve, key) {
  const value = String(await param(resolve, key));
  if (value === '') return value;
  const controls = await selected(resolve);
  if (controls.length > 1) {
    throw new Error(
      `--param="${key}=${value}" names one control's resource, but --param="controls=${await param(resolve, 'controls')}" selects ${controls.length} controls: leave ${key} unset and each control keeps its default name`,
    );
  }
  return value;
}

/** The alarm names the function writes: the alarmName parameter for one control, else each default name. */
async function alarmNames(resolve) {
  const given = await alarmName(resolve);
  if (given !== '') return [given];
  return (await selected(resolve)).map((control) => literal('alarmName', control.defaults.alarmName));
}

/** ALARM_NAME: refused when IAM would expand it, then when several controls are selected. */
async function alarmName(resolve) {
  literal('alarmName', await param(resolve, 'alarmName'));
  return oneControlName(resolve, 'alarmName');
}

const alarmArn = (name) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${name}`,
});

module.exports = {
  /** CONTROLS as given (empty: the security group control alone); refused when it names no control. */
  controls: async ({ resolveConfigurationProperty }) => {
    await selected(resolveConfigurationProperty);
    return String(await param(resolveConfigurationProperty, 'controls'));
  },
  /** FILTER_NAME: the parameter or empty (each control's default name). */
  filterName: async ({ resolveConfigurationProperty }) =>
    oneControlName(resolveConfigurationProperty, 'filterName'),
  /** METRIC_NAME: the parameter or empty (each control's default name). */
  metricName: async ({ resolveConfigurationProperty }) =>
    oneControlName(resolveConfigurationProperty, 'metricName'),
  /** ALARM_NAME: the parameter or empty (each control's default name); refused when IAM would expand it. */
  alarmName: async ({ resolveConfigurationProperty }) => alarmName(resolveConfigurationProperty),
  /** The ARNs of exactly the selected controls' alarms, for the role's alarm statement. */
  alarmResources: async ({ resolveConfigurationProperty }) =>
    (await alarmNames(resolveConfigurationProperty)).map(alarmArn),
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
