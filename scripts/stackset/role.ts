/**
 * Role names per region. IAM is global to an account, so a role name fixed at packaging time collides
 * when one account gets StackSet instances in two regions; the name takes `${AWS::Region}` instead.
 */
import { ofType, type Template } from './template';

/** IAM role names are at most 64 characters (IAM API reference, CreateRole, RoleName). */
const ROLE_NAME_MAX = 64;
/** Room left for the region: longer than the longest region code in use today (e.g. `ap-southeast-5`). */
const REGION_ROOM = 16;

/**
 * Renames every role whose name is literal text to `<name without -packagingRegion>-${AWS::Region}`;
 * throws when the name could exceed IAM's limit in some region. Mutates `template`; returns the renamed ids.
 */
export function nameRolesPerRegion(template: Template, packagingRegion: string): string[] {
  const renamed: string[] = [];
  for (const [id, role] of ofType(template, 'AWS::IAM::Role')) {
    const name = role.Properties?.RoleName;
    if (name === undefined || typeof name !== 'string') continue;
    const base = name.endsWith(`-${packagingRegion}`) ? name.slice(0, -packagingRegion.length - 1) : name;
    if (base.length + 1 + REGION_ROOM > ROLE_NAME_MAX) {
      throw new Error(`role ${id} (${base}-<region>) could exceed IAM's ${ROLE_NAME_MAX} characters`);
    }
    (role.Properties as Record<string, unknown>).RoleName = { 'Fn::Sub': `${base}-\${AWS::Region}` };
    renamed.push(id);
  }
  return renamed;
}
