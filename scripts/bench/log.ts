import { performance } from 'node:perf_hooks';

/** Progress on stderr, with the seconds since the bench started (stdout carries only the report). */
export function log(text: string): void {
  console.error(`bench [${(performance.now() / 1000).toFixed(1)} s]: ${text}`);
}
