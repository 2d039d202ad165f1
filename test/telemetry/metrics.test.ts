import type { NotifiedReport } from '../../src/notify';
import { createMetrics, recordMetrics, runMetrics } from '../../src/telemetry/metrics';
import { ALERTING, alarmCreated, filterUpdated, report } from '../notify/reports';
import { captureLines } from './capture';

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

function emit(namespace: string, ...reports: NotifiedReport[]): Emf[] {
  const metrics = createMetrics({ metricsNamespace: namespace });
  return captureLines(() => {
    for (const r of reports) recordMetrics(metrics, r);
  }).json as unknown as Emf[];
}

const directive = (emf: Emf) => emf._aws.CloudWatchMetrics[0];

describe('EMF output', () => {
  const repaired = report('REPAIRED', { changes: [alarmCreated, filterUpdated], durationMs: 412 });
  const lines = emit('TestNamespace', repaired);
  const runWide = lines.filter((emf) => directive(emf)?.Dimensions[0]?.length === 1);
  const perResource = lines.filter((emf) => directive(emf)?.Dimensions[0]?.length === 2);

  it('puts the run-wide metrics in one line, in the configured namespace, by service', () => {
    expect(lines).toHaveLength(5);
    expect(runWide).toHaveLength(1);
    const d = directive(runWide[0] as Emf);
    expect(d?.Namespace).toBe('TestNamespace');
    expect(d?.Dimensions).toEqual([['service']]);
    expect(d?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'DriftDetected', Unit: 'Count' },
        { Name: 'RepairsApplied', Unit: 'Count' },
        { Name: 'ReconcileErrors', Unit: 'Count' },
        { Name: 'NonCompliant', Unit: 'Count' },
        { Name: 'AlertsFailed', Unit: 'Count' },
        { Name: 'ReconcileDuration', Unit: 'Milliseconds' },
      ]),
    );
    expect(runWide[0]).toMatchObject({
      service: 'cis-monitoring-enforcer',
      DriftDetected: 2,
      RepairsApplied: 2,
      ReconcileErrors: 0,
      NonCompliant: 0,
      AlertsFailed: 0,
      ReconcileDuration: 412,
    });
    expect(Math.abs((runWide[0] as Emf)._aws.Timestamp - Date.now())).toBeLessThan(60_000);
  });

  it('adds one line per metric and resource kind, with a Resource dimension', () => {
    const seen = perResource.map((emf) => {
      const d = directive(emf);
      expect(d?.Dimensions).toEqual([['service', 'Resource']]);
      const name = d?.Metrics[0]?.Name ?? '';
      return `${name}/${String(emf.Resource)}=${String(emf[name])}`;
    });
    expect(seen.sort()).toEqual([
      'DriftDetected/alarm=1',
      'DriftDetected/metric-filter=1',
      'RepairsApplied/alarm=1',
      'RepairsApplied/metric-filter=1',
    ]);
  });

  it('flushes per invocation: the next run emits only its own values', () => {
    const runWideLines = emit('N', repaired, report('COMPLIANT', { durationMs: 90 })).filter(
      (emf) => directive(emf)?.Dimensions[0]?.length === 1,
    );
    expect(runWideLines).toHaveLength(2);
    expect(runWideLines[1]).toMatchObject({ DriftDetected: 0, RepairsApplied: 0, ReconcileDuration: 90 });
  });

  it.each(['IGNORED', 'IGNORED_OWN_CHANGE'] as const)('%s emits nothing, not even a warning', (status) => {
    const metrics = createMetrics({ metricsNamespace: 'N' });
    const { raw } = captureLines(() => recordMetrics(metrics, report(status)));
    expect(raw).toBe('');
  });
});

describe('run metrics', () => {
  const value = (r: NotifiedReport, name: string) =>
    runMetrics(r).find((p) => p.name === name && p.resource === undefined)?.value;

  it('detect mode counts drift but no repairs', () => {
    const r = ALERTING.DRIFT_DETECTED as NotifiedReport;
    expect([value(r, 'DriftDetected'), value(r, 'RepairsApplied')]).toEqual([2, 0]);
    expect(runMetrics(r).filter((p) => p.name === 'RepairsApplied' && p.resource)).toEqual([]);
  });

  it('a repair that did not hold counts its resource once', () => {
    expect(value(ALERTING.DRIFT_PERSISTS as NotifiedReport, 'DriftDetected')).toBe(1);
  });

  it('NON_COMPLIANT, errors and a failed alert are counted', () => {
    expect(value(ALERTING.NON_COMPLIANT as NotifiedReport, 'NonCompliant')).toBe(1);
    expect(value(ALERTING.ERROR as NotifiedReport, 'ReconcileErrors')).toBe(1);
    const failed = { ...report('REPAIRED'), notification: { sent: false as const, error: 'NotFound: gone' } };
    expect(value(failed, 'AlertsFailed')).toBe(1);
    const quiet = {
      ...report('NON_COMPLIANT'),
      notification: { sent: false as const, suppressed: true as const, reason: 'x' },
    };
    expect(value(quiet, 'AlertsFailed')).toBe(0);
  });
});
