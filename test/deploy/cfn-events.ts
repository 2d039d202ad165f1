import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

const BASE = {
  ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:cis-monitoring-enforcer-prod-reconcile',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/cis-monitoring-enforcer-prod/guid',
  RequestId: 'request-1',
  LogicalResourceId: 'ReconcileOnDeploy',
  ResourceType: 'Custom::ReconcileOnDeploy',
};
const props = (DeployId: string) => ({ ServiceToken: BASE.ServiceToken, DeployId });

/** Deploy ids in packaging order: an update moves to a newer one, a rollback back to an older one. */
export const EARLIER = '1764000000000';
export const LATER = '1764000900000';

/** The request CloudFormation sends the custom resource, with `url` as the pre-signed response URL. */
export function cfnEvent(type: 'Create' | 'Update' | 'Rollback' | 'Delete', url: string) {
  const common = { ...BASE, ResponseURL: url };
  const events: Record<typeof type, CloudFormationCustomResourceEvent> = {
    Create: { ...common, RequestType: 'Create', ResourceProperties: props(EARLIER) },
    Update: {
      ...common,
      RequestType: 'Update',
      PhysicalResourceId: 'reconcile-on-deploy',
      ResourceProperties: props(LATER),
      OldResourceProperties: props(EARLIER),
    },
    Rollback: {
      ...common,
      RequestType: 'Update',
      PhysicalResourceId: 'reconcile-on-deploy',
      ResourceProperties: props(EARLIER),
      OldResourceProperties: props(LATER),
    },
    Delete: {
      ...common,
      RequestType: 'Delete',
      PhysicalResourceId: 'reconcile-on-deploy',
      ResourceProperties: props(LATER),
    },
  };
  return events[type];
}
