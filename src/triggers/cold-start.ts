import { ConfigError } from '../config';

/** What a cold start produced: what runs need (config, clients, …), or the configuration error instead. */
export type Setup<T> = { readonly ready: T } | { readonly configError: ConfigError };

/** Runs the cold start once; a ConfigError is logged and kept so a CloudFormation request can be told. */
export function setUp<T>(build: () => T): Setup<T> {
  try {
    return { ready: build() };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(JSON.stringify({ level: 'ERROR', message: error.message, problems: error.problems }));
    return { configError: error };
  }
}

/** What runs need; throws the cold start's ConfigError, so every other invocation fails loudly. */
export function readyOf<T>(setup: Setup<T>): T {
  if ('configError' in setup) throw setup.configError;
  return setup.ready;
}
