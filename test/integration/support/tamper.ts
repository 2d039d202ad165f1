import { CONTROL, snapshotUserResources } from '../../../scripts/lib/seed';
import {
  AWAITING_CONFIRMATION,
  expectCompliantWithoutWrites,
  expectControlHolds,
  expectTouchTold,
} from './control';
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

/**
 * The end of a repair that subscribed the configured email endpoint, pending on AWS until its owner
 * confirms: the same event again writes nothing (no second Subscribe) and is still NON_COMPLIANT
 * naming it; once the owner confirms, the control holds and the scenario ends healed and quiet. When
 * the event is someone's write to a control resource (`touched`), the first run after the confirmation
 * tells it (the alerts before reached nobody), and the next is quiet.
 */
export async function expectConfirmedThenHealed(
  world: World,
  event: string,
  touched?: string,
): Promise<void> {
  const waiting = await world.invoke(event);
  expect(waiting.report).toMatchObject({ status: AWAITING_CONFIRMATION.status, changes: [], errors: [] });
  expect(waiting.report.findings).toEqual(AWAITING_CONFIRMATION.findings);
  expect(waiting.writes).toEqual([]);
  await world.faithful.confirm(CONTROL.subscriber);
  if (touched) expectTouchTold(await world.invoke(event), touched);
  await expectHealedAndQuiet(world, event);
}

/** The user's resources now, compared with the seeded snapshot by the caller. */
export const userResourcesNow = (world: World) => snapshotUserResources(world.account);
