import { snapshotUserResources } from '../../../scripts/lib/seed';
import { expectCompliantWithoutWrites, expectControlHolds } from './control';
import type { World } from './harness';

export { tamper } from '../../../scripts/lib/tamper';

/**
 * The end of every repair scenario: the control holds as re-read with the SDK, the same event again
 * finds it COMPLIANT with zero write requests, and the user's resources are exactly as seeded.
 */
export async function expectHealedAndQuiet(world: World, event: string): Promise<void> {
  await expectControlHolds(world.account);
  expectCompliantWithoutWrites(await world.invoke(event));
  expect(await snapshotUserResources(world.account)).toEqual(world.snapshot());
}

/** The user's resources now, compared with the seeded snapshot by the caller. */
export const userResourcesNow = (world: World) => snapshotUserResources(world.account);
