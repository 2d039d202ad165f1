/**
 * Resolvers for the optional fire-drill schedule in serverless.yml (`${file(./scripts/drill-schedule.cjs):enabled}`).
 * Off by default; `--param="drillSchedule=cron(0 9 1 * ? *)"` (or any EventBridge rate/cron expression)
 * turns it on. The rule exists either way, disabled without the parameter, so that setting or clearing it
 * is an ordinary stack update.
 */
const DEFAULT_EXPRESSION = 'cron(0 9 1 * ? *)';
const EXPRESSION = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/;

async function param({ resolveConfigurationProperty }) {
  return String((await resolveConfigurationProperty(['custom', 'drillScheduleParam'])) ?? '').trim();
}

module.exports = {
  /** True when --param drillSchedule is set. */
  enabled: async (resolver) => (await param(resolver)) !== '',
  /** The schedule expression: the parameter, checked, or the first of each month at 09:00 UTC (disabled). */
  rate: async (resolver) => {
    const value = await param(resolver);
    if (value === '') return DEFAULT_EXPRESSION;
    if (!EXPRESSION.test(value)) {
      throw new Error(
        `--param="drillSchedule=${value}" is no EventBridge schedule expression: use rate(…) or cron(…)`,
      );
    }
    return value;
  },
};
