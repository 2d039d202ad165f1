import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** Bundles the TypeScript file `entry` (esbuild, node target), runs it in a plain Node process and parses the JSON it prints. */
export function runBundled<T>(entry: string): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'cis-unit-'));
  const outfile = join(folder, 'main.js');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const env = { PATH: process.env.PATH ?? '', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1' };
  return new Promise<T>((resolve, reject) => {
    execFile(process.execPath, [outfile], { env, timeout: 20_000 }, (error, stdout, stderr) => {
      rmSync(folder, { recursive: true, force: true });
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}
