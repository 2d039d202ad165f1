import { ConfigError, loadConfig } from '../../src/config';

const env = (extra: Record<string, string>) => ({ AWS_REGION: 'us-east-1', ...extra });

describe('LOG_LEVEL and ENFORCER_METRICS_NAMESPACE', () => {
  it('default to INFO and CISMonitoringEnforcer, apart from the alarm metric namespace', () => {
    const config = loadConfig(env({}));
    expect(config.logLevel).toBe('INFO');
    expect(config.metricsNamespace).toBe('CISMonitoringEnforcer');
    expect(config.metricNamespace).toBe('CISBenchmark');
  });

  it('accept any case of a level and a custom namespace', () => {
    const config = loadConfig(env({ LOG_LEVEL: 'debug', ENFORCER_METRICS_NAMESPACE: 'Security/Enforcers' }));
    expect([config.logLevel, config.metricsNamespace]).toEqual(['DEBUG', 'Security/Enforcers']);
  });

  it('reject a bad level and a bad namespace in one error naming both', () => {
    let caught: unknown;
    try {
      loadConfig(env({ LOG_LEVEL: 'VERBOSE', ENFORCER_METRICS_NAMESPACE: 'a:b' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain(
      'LOG_LEVEL="VERBOSE" must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT',
    );
    expect(problems).toContain('ENFORCER_METRICS_NAMESPACE="a:b"');
  });
});
