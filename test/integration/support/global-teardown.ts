/** Stops the emulators the integration project's global setup started. */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.cisEmulators ?? []).map((e) => e.stop()));
  globalThis.cisEmulators = undefined;
}
