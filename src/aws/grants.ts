/** IAM grants as data: each step declares the actions it calls next to the code that calls them. */

/**
 * Resource kinds an IAM grant is scoped to; `any` is for actions that only work on `*`; `topic` is our
 * topic, `anyTopic` any topic of this account and region (read only: the verdict counts subscribers);
 * `eventQueue` the stack's event queue, which Lambda's event source mapping polls with the role; `key` any KMS
 * key of this account and region (read only: the topic's key is judged, never written).
 */
export type ResourceKind =
  | 'any'
  | 'trail'
  | 'logGroup'
  | 'alarm'
  | 'topic'
  | 'anyTopic'
  | 'eventQueue'
  | 'key';

/** One IAM action a step calls, and what it acts on. */
export interface Grant {
  readonly action: string;
  readonly resource: ResourceKind;
}

/** Declares the grants a module needs, next to the code that calls AWS. */
export function grants(resource: ResourceKind, ...actions: string[]): Grant[] {
  return actions.map((action) => ({ action, resource }));
}
