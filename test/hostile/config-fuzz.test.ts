/**
 * Arbitrary environments into loadConfig: the result is a valid Config, or one ConfigError whose
 * problems name exactly the variables that were bad — never another exception, never a silent default.
 */
import fc from 'fast-check';
import { PROFILE_IDS } from '../../src/catalog/specs';
import { type Config, ConfigError, loadConfig, SUBSCRIPTION_PROTOCOLS } from '../../src/config';
import { type Labelled, resolveRegion, VARIABLES } from './support/env-arbitraries';

type Env = Record<string, string | undefined>;

/** Runs loadConfig and sorts the outcome; anything thrown that is not a ConfigError fails the property. */
function outcome(env: Env): { config: Config } | { problems: readonly string[] } {
  try {
    return { config: loadConfig(env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.message).toBe(`invalid configuration: ${error.problems.join('; ')}`);
    return { problems: error.problems };
  }
}

/** The variable a problem names: every problem starts with it. */
const named = (problem: string): string => /^[A-Z_]+/.exec(problem)?.[0] ?? problem;

/** Invariants every Config loadConfig returns must hold, whatever the input. */
function expectValid(config: Config): void {
  expect(config.region).toMatch(/^[a-z]{2}(-[a-z]+)+-\d$/);
  for (const name of [config.filterName, config.metricNamespace, config.metricName]) {
    expect(name.trim().length).toBeGreaterThan(0);
    expect(name).not.toMatch(/[:*]/);
  }
  expect(config.alarmName).toMatch(/^[^\p{Cc}]{1,255}$/u);
  expect(PROFILE_IDS).toContain(config.patternProfile);
  expect(['enforce', 'detect']).toContain(config.mode);
  expect(typeof config.healTrailLogging).toBe('boolean');
  for (const s of config.subscriptions) expect(SUBSCRIPTION_PROTOCOLS).toContain(s.protocol);
  const topic = config.topic.kind === 'arn' ? config.topic.arn : config.topic.name;
  expect(topic).toMatch(/^(arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:)?[A-Za-z0-9_-]{1,256}$/);
}

const labelledEnv: fc.Arbitrary<Labelled[]> = fc.tuple(...VARIABLES.map((v) => v.arbitrary));

describe('loadConfig under arbitrary environments', () => {
  it('names exactly the bad variables, and accepts every environment without one', () => {
    fc.assert(
      fc.property(labelledEnv, (parts) => {
        const env = resolveRegion(Object.assign({}, ...parts.map((p) => p.env)));
        const bad = new Set(parts.flatMap((p) => (typeof p.bad === 'function' ? p.bad(env) : p.bad)));
        const result = outcome(env);
        if ('config' in result) {
          expect([...bad]).toEqual([]);
          expectValid(result.config);
          for (const part of parts) part.check?.(result.config);
        } else {
          expect(new Set(result.problems.map(named))).toEqual(bad);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('returns a Config or throws one ConfigError for any map of strings', () => {
    const key = fc.oneof(fc.constantFrom(...VARIABLES.flatMap((v) => v.names)), fc.string({ maxLength: 12 }));
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '\n', ':'));
    fc.assert(
      fc.property(fc.dictionary(key, fc.option(value, { nil: undefined }), { maxKeys: 20 }), (env) => {
        const result = outcome(env);
        if ('config' in result) expectValid(result.config);
        else {
          expect(result.problems.length).toBeGreaterThan(0);
          const mentioned = [...Object.keys(env), 'AWS_REGION'];
          for (const p of result.problems) expect(mentioned).toContain(named(p));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the fuzz table covers every variable loadConfig reads', () => {
    const read = new Set<string>();
    const env = new Proxy<Env>(
      { AWS_REGION: 'us-east-1' },
      {
        get: (target, property) => {
          if (typeof property === 'string') read.add(property);
          return typeof property === 'string' ? target[property] : undefined;
        },
      },
    );
    loadConfig(env);
    const covered = new Set(VARIABLES.flatMap((v) => v.names));
    expect([...read].filter((name) => !covered.has(name))).toEqual([]);
  });
});
