import { type Emulator, QUIET_SDK, startEmulator } from '../../../scripts/lib/emulator';

/** Read by the test files: one emulator endpoint per jest worker, comma-separated. */
export const ENDPOINTS_VARIABLE = 'CIS_EMULATOR_ENDPOINTS';

declare global {
  var cisEmulators: Emulator[] | undefined;
}

/**
 * Starts one moto server per jest worker (each worker runs one test file at a time, so resets never
 * collide); installs the pinned emulator first when .venv/moto is missing. Runs only when at least
 * one integration test is selected.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  Object.assign(process.env, QUIET_SDK);
  const count = Math.max(1, globalConfig.maxWorkers);
  const emulators = await Promise.all(Array.from({ length: count }, () => startEmulator()));
  globalThis.cisEmulators = emulators;
  process.env[ENDPOINTS_VARIABLE] = emulators.map((e) => e.endpoint).join(',');
}
