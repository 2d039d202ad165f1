/**
 * The emulator as the tests, the demo and the benchmark see it: through the AWS-faithful layer
 * (scripts/lib/faithful). The enforcer talks to `enforcer.endpoint`, whose calls are recorded; a
 * person's clients (`account`) go through the same layer unrecorded, and `human` confirms what AWS
 * would have mailed them.
 *
 *   const view = await openFaithful(emulator.endpoint);
 *   process.env.AWS_ENDPOINT_URL = view.enforcer.endpoint;
 *   await seedAccount(view.account, view.human);
 */
import { type ApiProxy, startApiProxy } from './api-proxy';
import { resetEmulator } from './emulator';
import { createFaithfulLayer, type FaithfulLayer } from './faithful';
import { type AccountClients, accountClients } from './seed';
import { type Human, humanOf } from './seed-human';

/** One emulator behind the AWS-faithful layer. */
export interface FaithfulEmulator {
  /** Where the enforcer's clients point; `take()` hands over what they sent. */
  readonly enforcer: ApiProxy;
  /** A person's clients (seeding, tampering, reading back), through the layer, not recorded. */
  readonly account: AccountClients;
  /** That person confirming the subscriptions AWS would ask them to confirm. */
  readonly human: Human;
  readonly layer: FaithfulLayer;
  /** Resets the emulator and the layer's state. */
  reset(): Promise<void>;
  /** Destroys the clients and closes both proxies (the emulator keeps running). */
  close(): Promise<void>;
}

/** Opens the faithful view of the emulator at `target` (http://127.0.0.1:port). */
export async function openFaithful(target: string): Promise<FaithfulEmulator> {
  const layer = createFaithfulLayer();
  const enforcer = await startApiProxy(target, { layer });
  const person = await startApiProxy(target, { layer, record: false });
  const account = accountClients(person.endpoint);
  return {
    enforcer,
    account,
    human: humanOf(account.sns, layer.inbox),
    layer,
    reset: async () => {
      await resetEmulator(target);
      layer.reset();
    },
    close: async () => {
      for (const client of Object.values(account)) client.destroy();
      await Promise.all([enforcer.close(), person.close()]);
    },
  };
}
