import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { unzipEntry, zipEntries } from './zip';

/** The service's one function, as serverless-esbuild builds it. */
export const HANDLER_ENTRY = 'handlers/reconcile.ts';
const HANDLER_FILE = 'handlers/reconcile.js';

/** A built handler: where it is, its size, and the size of its zip (real or estimated). */
export interface Artifact {
  readonly label: string;
  readonly file: string;
  readonly bytes: number;
  readonly zipBytes: number;
  /** True when zipBytes is the real archive's size rather than a deflate estimate. */
  readonly zipMeasured: boolean;
}

/**
 * The deployed artifact: runs `sls package` offline into `outDir` (credentials unset, so no AWS call
 * can happen) and extracts the handler from the zip it wrote.
 */
export function packageService(root: string, outDir: string): Artifact {
  rmSync(outDir, { recursive: true, force: true });
  const env = { ...process.env };
  for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
    delete env[key];
  }
  const sls = join(root, 'node_modules/.bin/sls');
  const run = spawnSync(sls, ['package', '--package', outDir], { cwd: root, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`sls package failed:\n${run.stdout}\n${run.stderr}`);
  const zipFile = join(outDir, 'cis-monitoring-enforcer.zip');
  const zip = readFileSync(zipFile);
  const entry = zipEntries(zip).find((e) => e.name === HANDLER_FILE);
  if (!entry) throw new Error(`${zipFile} holds no ${HANDLER_FILE}`);
  const file = join(outDir, 'unzipped', HANDLER_FILE);
  mkdirSync(join(outDir, 'unzipped/handlers'), { recursive: true });
  writeFileSync(file, unzipEntry(zip, entry));
  return {
    label: 'deployed (sls package)',
    file,
    bytes: entry.size,
    zipBytes: zip.length,
    zipMeasured: true,
  };
}

/** A build with the options of `custom.esbuild` in serverless.yml; `external` are left to the runtime. */
export function buildVariant(root: string, outDir: string, label: string, external: string[]): Artifact {
  const file = join(outDir, HANDLER_FILE);
  buildSync({
    absWorkingDir: root,
    entryPoints: [HANDLER_ENTRY],
    outfile: file,
    bundle: true,
    minify: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    external: ['aws-sdk', ...external],
    logLevel: 'warning',
  });
  const code = readFileSync(file);
  return { label, file, bytes: code.length, zipBytes: zipEstimate(code), zipMeasured: false };
}

/**
 * The size of a one-file zip of `code` as serverless-esbuild writes it: its deflate stream matches
 * zlib level 1 (checked against the real archive in every run), plus the zip headers.
 */
export function zipEstimate(code: Buffer): number {
  const headers = 30 + 16 + 46 + 2 * HANDLER_FILE.length + 22; // local header, data descriptor, central entry, end record
  return deflateRawSync(code, { level: 1 }).length + headers;
}

/** True when two built handlers are byte-for-byte the same file. */
export function sameCode(a: Artifact, b: Artifact): boolean {
  return readFileSync(a.file).equals(readFileSync(b.file));
}
