/**
 * The packaged template (`sls package`) as a StackSet template, transformed by resource type so that it
 * follows whatever serverless.yml declares: code from `<prefix>-${AWS::Region}`, no deployment bucket,
 * role names per region, the function settings as parameters. At its parameters' defaults it must be
 * the packaged template but for those three things; `toStackSet` throws otherwise.
 */
import { type Artifact, moveCode } from './code';
import { instantiate } from './instantiate';
import { parameterize } from './parameters';
import { nameRolesPerRegion } from './role';
import { copy, same, stringsContaining, type Template } from './template';

/** What shapes the StackSet template. */
export interface StackSetOptions {
  /** Each region's code bucket is `<bucketPrefix>-<region>`. */
  readonly bucketPrefix: string;
  /** The region the service was packaged for: a literal of it left in a resource is frozen there. */
  readonly packagingRegion: string;
  readonly service: string;
  /** The hash that versions a zip's key, by the zip's file name. */
  readonly hashOf: (zip: string) => string;
}

/** The StackSet template and what was changed to make it. */
export interface StackSet {
  readonly template: Template;
  readonly artifacts: readonly Artifact[];
  readonly removed: readonly string[];
  readonly renamedRoles: readonly string[];
  readonly parameters: readonly string[];
}

/** Properties that legitimately differ from the packaged template. */
const MOVED = ['Code', 'Content', 'RoleName'] as const;

/** Throws unless `stackSet` at its defaults is `packaged` without the removed resources and outputs. */
function checkSameAtDefaults(packaged: Template, stackSet: Template, removed: readonly string[]): void {
  const actual = instantiate(stackSet);
  const expected = copy(packaged);
  for (const id of removed) delete expected.Resources[id];
  for (const name of Object.keys(expected.Outputs ?? {}))
    if (!(name in (actual.Outputs ?? {}))) delete expected.Outputs?.[name];
  for (const [id, resource] of Object.entries(actual.Resources)) {
    const properties = expected.Resources[id]?.Properties;
    for (const key of MOVED)
      if (properties && key in properties) properties[key] = resource.Properties?.[key];
  }
  const differing = Object.keys({ ...expected.Resources, ...actual.Resources }).filter(
    (id) => !same(expected.Resources[id], actual.Resources[id]),
  );
  if (!same(expected.Outputs ?? {}, actual.Outputs ?? {})) differing.push('Outputs');
  if (differing.length > 0)
    throw new Error(
      `at its defaults the StackSet template differs from the packaged one in ${differing.join(', ')}`,
    );
}

/** The StackSet form of a packaged template (which is left unchanged). */
export function toStackSet(packaged: Template, options: StackSetOptions): StackSet {
  const template = copy(packaged);
  const { artifacts, removed } = moveCode(template, options.bucketPrefix, options.hashOf);
  const renamedRoles = nameRolesPerRegion(template, options.packagingRegion);
  const parameters = parameterize(template);
  if (Object.keys(template.Outputs ?? {}).length === 0) delete template.Outputs;
  const frozen = stringsContaining(
    { Resources: template.Resources, Outputs: template.Outputs },
    options.packagingRegion,
  );
  if (frozen.length > 0)
    throw new Error(
      `${frozen.join(', ')} name the packaging region ${options.packagingRegion}: frozen there`,
    );
  checkSameAtDefaults(packaged, template, removed);
  const { Resources, Outputs, Conditions, Parameters, AWSTemplateFormatVersion } = template;
  const description = `${options.service} for CloudFormation StackSets: code from ${options.bucketPrefix}-<region>, settings as parameters`;
  return {
    template: {
      AWSTemplateFormatVersion,
      Description: description,
      Parameters,
      Conditions,
      Resources,
      Outputs,
    },
    artifacts,
    removed,
    renamedRoles,
    parameters,
  };
}
