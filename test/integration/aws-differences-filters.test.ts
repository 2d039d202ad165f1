/**
 * Metric filters through the AWS-faithful layer (docs/aws-differences.md, corrections 4–7), each beside
 * moto 5.2.5's own answer (the bare emulator): dropped settings, missing log groups, PutMetricFilter
 * replacing by name, the 100-filter quota, sorted pages, and the query by metric name + namespace.
 */
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeMetricFiltersCommand,
  type DescribeMetricFiltersCommandInput,
  type MetricFilter,
  PutMetricFilterCommand,
  type PutMetricFilterCommandInput,
  paginateDescribeMetricFilters,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { type AccountClients, CONTROL, TRAIL, USER } from '../../scripts/lib/seed';
import { rejection, useBareEmulator } from './support/bare';
import { useWorld } from './support/harness';

const OTHER_GROUP = 'app-logs';
const MISSING_GROUP = 'no-such-group';
const SETTINGS = {
  applyOnTransformedLogs: true,
  fieldSelectionCriteria: '$eventName IN ["CreateSecurityGroup"]',
  emitSystemFieldDimensions: ['@aws.account'],
};
/** A filter feeding the control's metric, as another writer would. */
const feeder = (logGroupName: string, extra: Partial<PutMetricFilterCommandInput> = {}) => ({
  logGroupName,
  filterName: 'feeder',
  filterPattern: '{ $.eventName = CreateSecurityGroup }',
  metricTransformations: [
    { metricNamespace: CONTROL.namespace, metricName: CONTROL.metricName, metricValue: '-1' },
  ],
  ...extra,
});

const bare = useBareEmulator();

const describe_ = (c: AccountClients, input: DescribeMetricFiltersCommandInput) =>
  c.logs.send(new DescribeMetricFiltersCommand(input)).then((o) => o.metricFilters ?? []);
const names = (filters: readonly MetricFilter[]) => filters.map((f) => `${f.logGroupName}/${f.filterName}`);
const onMetric = { metricName: CONTROL.metricName, metricNamespace: CONTROL.namespace };

describe('the AWS-faithful layer: metric filters', () => {
  const world = useWorld('compliant');
  beforeEach(async () => {
    await world.account.logs.send(new CreateLogGroupCommand({ logGroupName: OTHER_GROUP }));
  });

  it('settings moto drops are listed as put, by log group and by metric; a put without them clears them', async () => {
    await bare().logs.send(
      new PutMetricFilterCommand(feeder(OTHER_GROUP, { filterName: 'bare', ...SETTINGS })),
    );
    expect((await describe_(bare(), { logGroupName: OTHER_GROUP }))[0]).not.toHaveProperty(
      'fieldSelectionCriteria',
    );

    await world.account.logs.send(new PutMetricFilterCommand(feeder(OTHER_GROUP, SETTINGS)));

    const [byGroup] = await describe_(world.account, {
      logGroupName: OTHER_GROUP,
      filterNamePrefix: 'feeder',
    });
    expect(byGroup).toMatchObject({ filterName: 'feeder', ...SETTINGS });
    const byMetric = await describe_(world.account, onMetric);
    expect(byMetric.find((f) => f.logGroupName === OTHER_GROUP && f.filterName === 'feeder')).toMatchObject(
      SETTINGS,
    );
    await world.account.logs.send(new PutMetricFilterCommand(feeder(OTHER_GROUP)));
    const [cleared] = await describe_(world.account, {
      logGroupName: OTHER_GROUP,
      filterNamePrefix: 'feeder',
    });
    expect(cleared).not.toHaveProperty('applyOnTransformedLogs');
    expect(cleared).not.toHaveProperty('fieldSelectionCriteria');
  });

  it('moto accepts a filter on a missing log group; the layer answers ResourceNotFoundException to the put and the read', async () => {
    await bare().logs.send(new PutMetricFilterCommand(feeder(MISSING_GROUP)));
    expect(names(await describe_(bare(), onMetric))).toContain(`${MISSING_GROUP}/feeder`);

    const put = await rejection(world.account.logs.send(new PutMetricFilterCommand(feeder(MISSING_GROUP))));
    const read = await rejection(describe_(world.account, { logGroupName: MISSING_GROUP }));

    for (const error of [put, read]) {
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ message: 'The specified log group does not exist.' });
    }
  });

  it('DeleteLogGroup deletes its filters (moto keeps them listed)', async () => {
    await bare().logs.send(new CreateLogGroupCommand({ logGroupName: 'moto-gone' }));
    const elsewhere = [{ metricNamespace: 'Moto', metricName: 'Leftover', metricValue: '1' }];
    await bare().logs.send(
      new PutMetricFilterCommand(feeder('moto-gone', { metricTransformations: elsewhere })),
    );
    await bare().logs.send(new DeleteLogGroupCommand({ logGroupName: 'moto-gone' }));
    expect(names(await describe_(bare(), {}))).toContain('moto-gone/feeder');
    await world.account.logs.send(new PutMetricFilterCommand(feeder(OTHER_GROUP)));
    await world.account.logs.send(new DeleteLogGroupCommand({ logGroupName: OTHER_GROUP }));

    expect(names(await describe_(world.account, onMetric))).toEqual([
      `${TRAIL.logGroupName}/${CONTROL.filterName}`,
    ]);
  });

  it('moto appends a second filter of the same name; through the layer the put replaces it', async () => {
    const motoOnly = feeder('moto-only');
    await bare().logs.send(new CreateLogGroupCommand({ logGroupName: 'moto-only' }));
    await bare().logs.send(new PutMetricFilterCommand(motoOnly));
    await bare().logs.send(new PutMetricFilterCommand({ ...motoOnly, filterPattern: '{ $.x = 1 }' }));
    expect(names(await describe_(bare(), { logGroupName: 'moto-only' }))).toEqual([
      'moto-only/feeder',
      'moto-only/feeder',
    ]);

    const input = feeder(OTHER_GROUP);
    await world.account.logs.send(new PutMetricFilterCommand(input));
    await world.account.logs.send(new PutMetricFilterCommand({ ...input, filterPattern: '{ $.x = 1 }' }));

    const listed = await describe_(world.account, { logGroupName: OTHER_GROUP });
    expect(listed.map((f) => [f.filterName, f.filterPattern])).toEqual([['feeder', '{ $.x = 1 }']]);
  });

  it('a log group holds at most 100 filters; rewriting one of them still works', async () => {
    const put = (i: number, pattern = '{ $.n = 1 }') =>
      world.account.logs.send(
        new PutMetricFilterCommand({ ...feeder(OTHER_GROUP), filterName: `f${i}`, filterPattern: pattern }),
      );
    for (let i = 0; i < 100; i++) await put(i);

    expect(await rejection(put(100))).toMatchObject({ name: 'LimitExceededException' });
    await put(7, '{ $.n = 2 }');
  });

  it('pages of at most 50, ASCII-sorted by filter name; a prefix without a log group is ignored', async () => {
    const order = ['b', 'Z', 'a', ...Array.from({ length: 52 }, (_, i) => `m${String(i).padStart(2, '0')}`)];
    for (const name of order) {
      await world.account.logs.send(new PutMetricFilterCommand({ ...feeder(OTHER_GROUP), filterName: name }));
    }
    const first = await world.account.logs.send(
      new DescribeMetricFiltersCommand({ logGroupName: OTHER_GROUP }),
    );
    expect(first.metricFilters).toHaveLength(50);
    expect(first.nextToken).toEqual(expect.any(String));
    const all: MetricFilter[] = [];
    for await (const page of paginateDescribeMetricFilters(
      { client: world.account.logs },
      { logGroupName: OTHER_GROUP },
    )) {
      all.push(...(page.metricFilters ?? []));
    }
    expect(all.map((f) => f.filterName)).toEqual([...order].sort());
    const unprefixed = await describe_(world.account, { filterNamePrefix: 'RootAccount' });
    expect(names(unprefixed)).toContain(`${TRAIL.logGroupName}/${USER.filters[1]?.filterName}`);
  });

  it('by metricName + metricNamespace without a log group, every log group of the region is searched (moto honours it too)', async () => {
    await world.account.logs.send(new PutMetricFilterCommand(feeder(OTHER_GROUP)));
    await world.account.logs.send(
      new PutMetricFilterCommand({
        ...feeder(OTHER_GROUP),
        filterName: 'elsewhere',
        metricTransformations: [
          { metricNamespace: CONTROL.namespace, metricName: 'Other', metricValue: '1' },
        ],
      }),
    );
    const expected = [`${TRAIL.logGroupName}/${CONTROL.filterName}`, `${OTHER_GROUP}/feeder`];

    expect(names(await describe_(world.account, onMetric))).toEqual(expected);
    expect(names(await describe_(bare(), onMetric)).sort()).toEqual([...expected].sort());
  });
});
