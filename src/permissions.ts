import { APPLY_GRANTS } from './apply';
import { DISCOVER_GRANTS } from './discover';
import { NOTIFY_GRANTS } from './notify/publish';
import { OBSERVE_GRANTS } from './observe';
import { CHAIN_GRANTS } from './observe-chains';
import { FEEDER_GRANTS } from './observe-filters';

/**
 * Resource kinds an IAM grant is scoped to; `any` is for actions that only work on `*`; `topic` is our
 * topic, `anyTopic` any topic of this account and region (read only: the verdict counts subscribers).
 */
export type ResourceKind = 'any' | 'trail' | 'logGroup' | 'alarm' | 'topic' | 'anyTopic';

/** One IAM action a step calls, and what it acts on. */
export interface Grant {
  readonly action: string;
  readonly resource: ResourceKind;
}

/** Declares the grants a module needs, next to the code that calls AWS. */
export function grants(resource: ResourceKind, ...actions: string[]): Grant[] {
  return actions.map((action) => ({ action, resource }));
}

/**
 * Every grant the deployed function's steps declare, once each: the role in serverless.yml must grant
 * exactly these (test/deploy/template.test.ts). Add a step's list here when the handler starts calling it.
 * The step modules import `grants` from here while this module imports them; that cycle is safe because
 * `grants` is a function declaration (hoisted) and the lists are read only when this function runs.
 */
export function declaredGrants(): Grant[] {
  const all = [
    ...DISCOVER_GRANTS,
    ...OBSERVE_GRANTS,
    ...FEEDER_GRANTS,
    ...CHAIN_GRANTS,
    ...APPLY_GRANTS,
    ...NOTIFY_GRANTS,
  ];
  const unique = new Map(all.map((grant) => [`${grant.resource} ${grant.action}`, grant]));
  return [...unique.values()];
}
