import { APPLY_GRANTS } from '../apply';
import { DISCOVER_GRANTS } from '../discover';
import { DRILL_GRANTS } from '../drill/alarms';
import { ALIAS_GRANTS } from '../notify/alias';
import { NOTIFY_GRANTS } from '../notify/publish';
import { OBSERVE_GRANTS } from '../observe';
import { HISTORY_GRANTS } from '../observe/alarm-history';
import { CHAIN_GRANTS } from '../observe/chains';
import { FEEDER_GRANTS } from '../observe/filters';
import { REMNANT_GRANTS } from '../observe/remnants';
import { BATCH_GRANTS } from '../triggers/batch';

export type { Grant, ResourceKind } from './grants';

import type { Grant } from './grants';

/**
 * Every grant the deployed function's steps declare, once each: the role in serverless.yml must grant
 * exactly these (test/deploy/template.test.ts). Add a step's list here when the handler starts calling it.
 * The step modules declare theirs with `grants` (./grants.ts), so nothing they import leads back here.
 */
export function declaredGrants(): Grant[] {
  const all = [
    ...DISCOVER_GRANTS,
    ...OBSERVE_GRANTS,
    ...FEEDER_GRANTS,
    ...REMNANT_GRANTS,
    ...CHAIN_GRANTS,
    ...APPLY_GRANTS,
    ...NOTIFY_GRANTS,
    ...ALIAS_GRANTS,
    ...HISTORY_GRANTS,
    ...DRILL_GRANTS,
    ...BATCH_GRANTS,
  ];
  const unique = new Map(all.map((grant) => [`${grant.resource} ${grant.action}`, grant]));
  return [...unique.values()];
}
