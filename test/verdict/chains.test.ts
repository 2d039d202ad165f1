import type { PatternProfile } from '../../src/catalog/specs';
import type { AlarmView, FilterView } from '../../src/model';
import { evaluateChains, satisfiedBy, type TopicRead, topicsToRead } from '../../src/verdict/chains';
import {
  type AlarmsRead,
  candidateFilters,
  linksOf,
  metricKey,
  metricsToRead,
} from '../../src/verdict/links';
import type { MetricRef } from '../../src/verdict/types';
import {
  cis,
  filterView,
  HOME,
  OTHER_ACCOUNT_TOPIC,
  OTHER_REGION_TOPIC,
  OUR_LINK,
  OUR_METRIC,
  OUR_TOPIC,
  OURS,
  ourAlarm,
  ourFilter,
  securityhub,
  TF_LINK,
  TF_METRIC,
  TF_TOPIC,
  tfAlarm,
  tfFilter,
  WEAK_PATTERN,
} from './fixtures';

interface World {
  filters: FilterView[];
  alarms?: [MetricRef, AlarmView[] | string][];
  topics?: [string, TopicRead][];
  profile?: PatternProfile;
}

/** Runs the pure pipeline the way assessControl does, with reads given as data. */
function verdictOf(world: World) {
  const profile = world.profile ?? cis;
  const candidates = candidateFilters(profile, world.filters);
  const alarms = new Map<string, AlarmsRead>(
    (world.alarms ?? []).map(([m, a]) => [
      metricKey(m),
      typeof a === 'string' ? { error: a } : { alarms: a },
    ]),
  );
  const links = linksOf(candidates, alarms);
  const topics = new Map(world.topics ?? []);
  const verdict = evaluateChains({
    profile,
    ours: OURS,
    home: HOME,
    filtersJudged: 9,
    problems: [],
    links,
    topics,
    notChecked: [],
  });
  return { verdict, candidates, links, satisfiedBy: satisfiedBy(verdict) };
}

const ours: World = {
  filters: [ourFilter()],
  alarms: [[OUR_METRIC, [ourAlarm()]]],
  topics: [[OUR_TOPIC, { confirmed: 1 }]],
};

describe('evaluateChains', () => {
  it('our chain holds: satisfied by it, marked ours', () => {
    const { verdict, satisfiedBy: by } = verdictOf(ours);
    expect(verdict).toMatchObject({ profile: 'cis', satisfied: true, filtersJudged: 9, notChecked: [] });
    expect(by).toEqual([OUR_LINK()]);
  });

  it('a Terraform chain with an equivalent pattern holds while ours is broken, and is listed after ours', () => {
    const { verdict, satisfiedBy: by } = verdictOf({
      filters: [tfFilter(), ourFilter()],
      alarms: [
        [OUR_METRIC, [ourAlarm({ actionsEnabled: false })]],
        [TF_METRIC, [tfAlarm()]],
      ],
      topics: [
        [OUR_TOPIC, { confirmed: 1 }],
        [TF_TOPIC, { confirmed: 2 }],
      ],
    });
    expect(verdict.satisfied).toBe(true);
    expect(verdict.chains.map((c) => [c.filter, c.ours, c.state, c.gaps])).toEqual([
      [OURS.filterName, true, 'broken', ['alarm actions are disabled']],
      ['sg-changes', false, 'holds', []],
    ]);
    expect(by).toEqual([TF_LINK()]);
  });

  it('a filter that does not satisfy the profile starts no chain', () => {
    const { verdict, candidates } = verdictOf({
      ...ours,
      filters: [ourFilter(WEAK_PATTERN), tfFilter('{ $.eventName = "CreateVpc" }')],
    });
    expect(candidates).toEqual([]);
    expect(verdict).toMatchObject({ satisfied: false, chains: [] });
  });

  it.each<[string, World, string, string[]]>([
    [
      'no alarm on the metric',
      { ...ours, alarms: [[OUR_METRIC, []]] },
      'broken',
      ['no alarm on CISBenchmark/SecurityGroupEventCount'],
    ],
    [
      'actions disabled',
      { ...ours, alarms: [[OUR_METRIC, [ourAlarm({ actionsEnabled: false })]]] },
      'broken',
      ['alarm actions are disabled'],
    ],
    [
      'no SNS action',
      {
        ...ours,
        alarms: [[OUR_METRIC, [ourAlarm({ alarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] })]]],
      },
      'broken',
      ['alarm has no SNS action'],
    ],
    [
      'alarm on dimensions',
      { ...ours, alarms: [[OUR_METRIC, [ourAlarm({ hasDimensions: true })]]] },
      'broken',
      ['alarm watches dimensions the filter metric does not have'],
    ],
    ['topic gone', { ...ours, topics: [[OUR_TOPIC, { missing: true }]] }, 'broken', ['topic does not exist']],
    [
      'no confirmed subscriber',
      { ...ours, topics: [[OUR_TOPIC, { confirmed: 0 }]] },
      'broken',
      ['topic has no confirmed subscriber'],
    ],
    [
      'alarms unreadable',
      {
        ...ours,
        alarms: [
          [
            OUR_METRIC,
            'cloudwatch:DescribeAlarmsForMetric on CISBenchmark/SecurityGroupEventCount: AccessDenied',
          ],
        ],
      },
      'unknown',
      [
        'alarms on CISBenchmark/SecurityGroupEventCount could not be read: cloudwatch:DescribeAlarmsForMetric on CISBenchmark/SecurityGroupEventCount: AccessDenied',
      ],
    ],
    [
      'alarms never read',
      { ...ours, alarms: [] },
      'unknown',
      ['alarms on CISBenchmark/SecurityGroupEventCount could not be read'],
    ],
    [
      'subscribers unreadable',
      { ...ours, topics: [[OUR_TOPIC, { unknown: 'topic could not be read' }]] },
      'unknown',
      ['topic could not be read'],
    ],
    [
      'topic in another account',
      { ...ours, alarms: [[OUR_METRIC, [ourAlarm({ alarmActions: [OTHER_ACCOUNT_TOPIC] })]]] },
      'unknown',
      ['topic is in another account or region: subscribers not checked'],
    ],
    [
      'topic in another region',
      { ...ours, alarms: [[OUR_METRIC, [ourAlarm({ alarmActions: [OTHER_REGION_TOPIC] })]]] },
      'unknown',
      ['topic is in another account or region: subscribers not checked'],
    ],
    ['local topic left unread', { ...ours, topics: [] }, 'unknown', ['topic subscribers were not read']],
  ])('%s → %s', (_label, world, state, gaps) => {
    const { verdict, satisfiedBy: by } = verdictOf(world);
    expect(verdict.chains.map((c) => [c.state, c.gaps])).toEqual([[state, gaps]]);
    expect([verdict.satisfied, by]).toEqual([false, []]);
  });

  it('one chain per SNS action: a silent topic does not hide a sound one', () => {
    const alarm = ourAlarm({
      alarmActions: [OTHER_ACCOUNT_TOPIC, 'arn:aws:automate:us-east-1:ec2:stop', OUR_TOPIC],
    });
    const { verdict } = verdictOf({ ...ours, alarms: [[OUR_METRIC, [alarm]]] });
    expect(verdict.chains.map((c) => [c.topic, c.ours, c.state])).toEqual([
      [OUR_TOPIC, true, 'holds'],
      [OTHER_ACCOUNT_TOPIC, false, 'unknown'],
    ]);
    expect(verdict.satisfied).toBe(true);
  });

  it('securityhub compares text: an equivalent spaced pattern is listed as broken, its documented text holds', () => {
    const spaced = verdictOf({ ...ours, profile: securityhub });
    expect(spaced.verdict.chains[0]).toMatchObject({
      state: 'broken',
      gaps: [
        `pattern is equivalent, but profile securityhub requires its documented text ${securityhub.canonical}`,
      ],
    });
    const exact = verdictOf({ ...ours, profile: securityhub, filters: [ourFilter(securityhub.canonical)] });
    expect(exact.verdict).toMatchObject({ profile: 'securityhub', satisfied: true });
  });

  it('a filter metric with dimensions is not looked up and stays unknown', () => {
    const { verdict, candidates } = verdictOf({
      ...ours,
      filters: [filterView(OURS.filterName, cis.canonical, OUR_METRIC, true)],
    });
    expect(metricsToRead(candidates)).toEqual([]);
    expect(verdict.chains).toEqual([
      expect.objectContaining({
        state: 'unknown',
        gaps: ['filter metric has dimensions: alarms on it were not looked up'],
      }),
    ]);
  });

  it('of two listings under one name the last is judged (an emulator appends rewrites)', () => {
    expect(verdictOf({ ...ours, filters: [ourFilter(), ourFilter(WEAK_PATTERN)] }).candidates).toEqual([]);
    expect(verdictOf({ ...ours, filters: [ourFilter(WEAK_PATTERN), ourFilter()] }).verdict.satisfied).toBe(
      true,
    );
  });
});

describe('reads the verdict asks for', () => {
  it('one alarm read per distinct metric of a satisfying filter', () => {
    const candidates = candidateFilters(cis, [
      ourFilter(),
      tfFilter(),
      filterView('copy', cis.canonical, TF_METRIC),
      tfFilter(WEAK_PATTERN),
    ]);
    expect(metricsToRead(candidates)).toEqual([OUR_METRIC, TF_METRIC]);
  });

  it('subscribers only of local topics, not ours, on links otherwise sound; each once', () => {
    const { links } = verdictOf({
      filters: [ourFilter(), tfFilter()],
      alarms: [
        [OUR_METRIC, [ourAlarm({ alarmActions: [OUR_TOPIC, TF_TOPIC, OTHER_ACCOUNT_TOPIC] })]],
        [
          TF_METRIC,
          [tfAlarm([TF_TOPIC]), tfAlarm([TF_TOPIC.replace('alerts', 'muted')], { actionsEnabled: false })],
        ],
      ],
    });
    expect(topicsToRead(links, OURS, HOME)).toEqual([TF_TOPIC]);
  });
});
