/**
 * One reconcile in a child Node process against a given endpoint. Inside jest, errors Node's socket
 * layer throws come from another realm, so the SDK wraps them and drops their code (ECONNREFUSED…);
 * a plain process sees exactly what the Lambda runtime sees.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { ClientLimits } from '../../../src/aws/clients';
import type { Report } from '../../../src/report';

let bundle: string | undefined;

/** Deletes the bundle (call in afterAll). */
export function removeBundle(): void {
  if (bundle) rmSync(join(bundle, '..'), { recursive: true, force: true });
  bundle = undefined;
}

/** Bundles run-once.ts once per test file, like the deployed bundle (esbuild, node target). */
function script(): string {
  if (bundle) return bundle;
  const outfile = join(mkdtempSync(join(tmpdir(), 'cis-hostile-')), 'run-once.js');
  buildSync({
    entryPoints: [join(__dirname, 'run-once.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  bundle = outfile;
  return outfile;
}

/** Runs one reconcile with `limits` against `endpoint`; the report and the run's own duration. */
export function runInNode(
  endpoint: string,
  limits: ClientLimits,
): Promise<{ report: Report; elapsedMs: number }> {
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: endpoint,
    AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    SUBSCRIPTIONS: 'email:sec@example.com',
    CLIENT_LIMITS_JSON: JSON.stringify(limits),
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script()], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { report: Report; elapsedMs: number });
    });
  });
}
