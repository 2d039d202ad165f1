/** Finds the project and installs the pinned AWS API emulator (moto server) into .venv/moto when needed. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The emulator could not be installed, started or reset; the message says why. */
export class EmulatorError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

/** The directory holding package.json, found upwards from this file (also when bundled under the repo). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'requirements-emulator.txt'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new EmulatorError(`no project root (package.json) above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Installs the pinned moto into .venv/moto (scripts/setup-python.sh) unless it is there and current. */
export function ensureEmulatorInstalled(root: string = projectRoot()): string {
  const bin = join(root, '.venv', 'moto', 'bin', 'moto_server');
  const marker = join(root, '.venv', 'moto', '.installed');
  const wanted = readFileSync(join(root, 'requirements-emulator.txt'), 'utf8');
  if (existsSync(bin) && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return bin;
  const setup = join(root, 'scripts', 'setup-python.sh');
  const result = spawnSync(setup, [], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? `exit code ${result.status}`;
    throw new EmulatorError(
      `cannot install the AWS API emulator: ${setup} failed (${why}); it needs python3 with venv and pip, and network access to PyPI`,
    );
  }
  if (!existsSync(bin)) throw new EmulatorError(`${setup} ran but ${bin} does not exist`);
  return bin;
}
