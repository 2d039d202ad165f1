import { classify } from '../../src/triggers/events';
import { packageTemplate, resourcesOf, type Template } from './template';

/** The schedule rules of a packaged template that start a fire drill: expression, state, input. */
function drillRules(template: Template) {
  return resourcesOf(template, 'AWS::Events::Rule').flatMap(([, rule]) => {
    const props = rule.Properties ?? {};
    const targets = (props.Targets as { Input?: string }[] | undefined) ?? [];
    const input = targets[0]?.Input ? (JSON.parse(targets[0].Input) as unknown) : undefined;
    const isDrill = typeof input === 'object' && input !== null && 'drill' in input;
    return isDrill ? [{ expression: props.ScheduleExpression, state: props.State, input }] : [];
  });
}

describe('the optional fire-drill schedule', () => {
  let byDefault: Template;
  let monthly: Template;
  beforeAll(() => {
    byDefault = packageTemplate();
    monthly = packageTemplate(['drillSchedule=cron(0 9 1 * ? *)']);
  }, 240_000);

  it('is off by default: the rule exists disabled, so enabling it later is an ordinary update', () => {
    expect(drillRules(byDefault)).toEqual([
      { expression: 'cron(0 9 1 * ? *)', state: 'DISABLED', input: { drill: 'schedule' } },
    ]);
  });

  it('--param drillSchedule enables it with that expression', () => {
    expect(drillRules(monthly)).toEqual([
      { expression: 'cron(0 9 1 * ? *)', state: 'ENABLED', input: { drill: 'schedule' } },
    ]);
  });

  it('its input runs a drill, told as the schedule', () => {
    const [rule] = drillRules(monthly);
    expect(classify(rule?.input)).toEqual({ run: true, trigger: { kind: 'drill', by: 'schedule' } });
  });

  it('a value that is no schedule expression fails the packaging', () => {
    expect(() => packageTemplate(['drillSchedule=monthly'])).toThrow(/no EventBridge schedule expression/);
  });
});
