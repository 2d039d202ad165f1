import {
  CLOUDTRAIL_CONFIG_CHANGES,
  CONSOLE_AUTH_FAILURES,
  IAM_POLICY_CHANGES,
} from './controls/iam-trail-console';
import { CMK_DISABLE_OR_DELETION, CONFIG_CHANGES, S3_BUCKET_POLICY_CHANGES } from './controls/kms-s3-config';
import { NACL_CHANGES, NETWORK_GATEWAY_CHANGES, SECURITY_GROUP_CHANGES } from './controls/network';
import { ORGANIZATIONS_CHANGES } from './controls/organizations';
import { ROUTE_TABLE_CHANGES, VPC_CHANGES } from './controls/routes-and-vpc';
import { CONSOLE_SIGNIN_WITHOUT_MFA, ROOT_USAGE } from './controls/sign-in-and-root';
import { UNAUTHORIZED_API_CALLS } from './controls/unauthorized-api-calls';
import type { CatalogControl, ControlKey } from './types';

/** The fifteen controls in benchmark order (4.1 … 4.15). 4.16 "Security Hub is enabled" is no metric filter. */
export const CATALOG: readonly CatalogControl[] = [
  UNAUTHORIZED_API_CALLS,
  CONSOLE_SIGNIN_WITHOUT_MFA,
  ROOT_USAGE,
  IAM_POLICY_CHANGES,
  CLOUDTRAIL_CONFIG_CHANGES,
  CONSOLE_AUTH_FAILURES,
  CMK_DISABLE_OR_DELETION,
  S3_BUCKET_POLICY_CHANGES,
  CONFIG_CHANGES,
  SECURITY_GROUP_CHANGES,
  NACL_CHANGES,
  NETWORK_GATEWAY_CHANGES,
  ROUTE_TABLE_CHANGES,
  VPC_CHANGES,
  ORGANIZATIONS_CHANGES,
];

/** What an empty `CONTROLS` selects: the security group control alone, as before the catalog. */
export const DEFAULT_CONTROL_KEYS: readonly ControlKey[] = ['security-group-changes'];

/** The catalog entry of a key. */
export function controlByKey(key: ControlKey): CatalogControl {
  const found = CATALOG.find((control) => control.key === key);
  if (found === undefined) throw new RangeError(`no catalog control ${key}`);
  return found;
}
